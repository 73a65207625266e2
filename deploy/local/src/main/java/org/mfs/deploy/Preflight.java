package org.mfs.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the launcher checks before it starts anything: every jar built, every port free, nothing left over from an
 * earlier run on the same data folder. A failed check starts nothing and says what to do.
 */
final class Preflight {

    private final StackConfig config;
    private final Path pidDir;
    private final Path kafkaDir;
    private final Path postgresDir;

    Preflight(StackConfig config, Path pidDir, Path kafkaDir, Path postgresDir) {
        this.config = config;
        this.pidDir = pidDir;
        this.kafkaDir = kafkaDir;
        this.postgresDir = postgresDir;
    }

    /** Before anything starts: every jar built, every port free, nothing left over from an earlier run. */
    void check() {
        List<String> problems = new ArrayList<>();
        List<String> missing = config.services().stream().filter(s -> !Files.isRegularFile(s.jar(config.repoRoot())))
                .map(s -> s.name() + " (" + config.repoRoot().relativize(s.jar(config.repoRoot())) + ")").toList();
        if (!missing.isEmpty()) {
            throw new StackException(StackException.START_FAILED, "not built yet: " + String.join(", ", missing)
                    + ". Build first: ./mvnw -B -q -DskipTests install (deploy/run-local does it unless --no-build)");
        }
        List<String> leftovers = leftovers();
        Map<Integer, String> wanted = config.listeningPorts();
        List<Integer> taken = wanted.keySet().stream().filter(p -> !Ports.isFree(p)).toList();
        taken.forEach(p -> problems.add("port " + p + " (for " + wanted.get(p) + ") is already in use"));
        problems.addAll(leftovers);
        if (!problems.isEmpty()) {
            String nl = System.lineSeparator();
            StringBuilder msg = new StringBuilder("cannot start, nothing was started:");
            problems.forEach(p -> msg.append(nl).append("  - ").append(p));
            if (!taken.isEmpty()) {
                int first = taken.get(0);
                msg.append(nl).append("  See what holds it: ss -ltnp 'sport = :").append(first).append("'  (or: lsof -i :")
                        .append(first).append(")").append(nl).append("  Or run the stack on other ports, e.g.: ")
                        .append(suggestions(taken, wanted))
                        .append(leftovers.isEmpty() ? "" : " MFS_DATA_DIR=" + config.dataDir() + "-2")
                        .append(" deploy/run-local   (see --help)");
            }
            throw new StackException(StackException.PORT_TAKEN, msg.toString());
        }
    }

    /** "gateway (MFS_GATEWAY_PORT)" -> "MFS_GATEWAY_PORT". */
    private static String envVar(String what) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((MFS_[A-Z_]+)\\)").matcher(what);
        return m.find() ? m.group(1) : "MFS_PORT";
    }

    /** "MFS_GATEWAY_PORT=18080 ...": for each taken port a free one (10000 above it, or the next free after that). */
    private static String suggestions(List<Integer> taken, Map<Integer, String> wanted) {
        Set<Integer> used = new HashSet<>(wanted.keySet());
        List<String> out = new ArrayList<>();
        for (int port : taken) {
            int p = port + 10000 <= 65535 ? port + 10000 : port - 10000;
            while (p < 65535 && (used.contains(p) || !Ports.isFree(p))) {
                p++;
            }
            used.add(p);
            out.add(envVar(wanted.get(port)) + "=" + p);
        }
        return String.join(" ", out);
    }

    /**
     * A stack already running on this data folder (its launcher's pid file names a live process), or parts of
     * an earlier run whose launcher was killed hard and that still run.
     */
    private List<String> leftovers() {
        List<String> found = new ArrayList<>();
        Optional<Long> launcher = alive(pidDir.resolve("launcher.pid"), "java");
        if (launcher.isPresent()) {
            found.add("a local stack is already running on this data folder (" + config.dataDir() + ", launcher pid "
                    + launcher.get() + "): stop it first (Ctrl-C where it runs, or kill " + launcher.get() + ")");
            return found;
        }
        for (ServiceSpec s : ServiceSpec.SUITE) {
            alive(pidDir.resolve(s.name() + ".pid"), "quarkus-run.jar").ifPresent(pid -> found.add(
                    s.name() + " is still running from an earlier run whose launcher was killed (pid " + pid
                            + "); stop it with: kill " + pid));
        }
        if (config.startsKeycloak()) {
            alive(pidDir.resolve("keycloak.pid"), "keycloak").ifPresent(pid -> found.add(
                    "the Keycloak of an earlier run is still running (pid " + pid + "); stop it with: kill " + pid));
        }
        if (config.startsKafka()) {
            alive(kafkaDir.resolve("kafka.pid"), "kafka.Kafka").ifPresent(pid -> found.add(
                    "the Kafka broker of an earlier run is still running (pid " + pid + "); stop it with: kill " + pid));
        }
        if (config.startsPostgres()) {
            alive(postgresDir.resolve("postmaster.pid"), "postgres").ifPresent(pid -> found.add(
                    "the PostgreSQL of an earlier run is still running on this data folder (pid " + pid
                            + "); stop it with: kill " + pid));
        }
        return found;
    }

    /** The pid in the first line of {@code pidFile} when that process is alive and its command mentions {@code marker}. */
    private static Optional<Long> alive(Path pidFile, String marker) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
            if (!first.matches("\\d+")) {
                return Optional.empty();
            }
            Optional<ProcessHandle> h = ProcessHandle.of(Long.parseLong(first)).filter(ProcessHandle::isAlive);
            if (h.isEmpty()) {
                return Optional.empty();
            }
            return commandLine(h.get()).contains(marker) ? Optional.of(h.get().pid()) : Optional.empty();
        } catch (IOException | UncheckedIOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The process's command line: /proc/<pid>/cmdline where there is one (complete, however long), else what Java knows. */
    private static String commandLine(ProcessHandle h) {
        try {
            Path proc = Path.of("/proc", Long.toString(h.pid()), "cmdline");
            if (Files.isReadable(proc)) {
                return new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' ');
            }
        } catch (IOException | UncheckedIOException e) {
            // fall through
        }
        return h.info().commandLine().orElse(h.info().command().orElse(""));
    }
}
