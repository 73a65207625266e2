package org.mfs.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service (or the gateway) running as its own JVM, its output appended to its own log file. */
final class ServiceProcess {

    private final ServiceSpec spec;
    private final int port;
    private final Path log;
    private final Path pidFile;
    private final Process process;
    private final long startedNanos = System.nanoTime();
    private final long logOffset;

    private ServiceProcess(ServiceSpec spec, int port, Path log, Path pidFile, Process process, long logOffset) {
        this.spec = spec;
        this.port = port;
        this.log = log;
        this.pidFile = pidFile;
        this.process = process;
        this.logOffset = logOffset;
    }

    /** Starts {@code java <opts> -jar <module>/target/quarkus-app/quarkus-run.jar} with {@code env} added. */
    static ServiceProcess start(ServiceSpec spec, int port, Path repoRoot, List<String> javaOpts,
            Map<String, String> env, Path logDir, Path pidDir) {
        Path jar = spec.jar(repoRoot);
        Path log = logDir.resolve(spec.name() + ".log");
        Path pidFile = pidDir.resolve(spec.name() + ".pid");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(javaOpts);
        cmd.add("-jar");
        cmd.add(jar.toString());
        try {
            Files.writeString(log, System.lineSeparator() + "===== " + Instant.now() + " local stack starts " + spec.name()
                    + " on port " + port + ": " + String.join(" ", cmd) + System.lineSeparator(),
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .directory(repoRoot.resolve(spec.module()).toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(env);
            long offset = Files.size(log);
            Process p = pb.start();
            Files.writeString(pidFile, Long.toString(p.pid()));
            return new ServiceProcess(spec, port, log, pidFile, p, offset);
        } catch (IOException e) {
            throw new StackException(StackException.START_FAILED, "could not start " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    ServiceSpec spec() {
        return spec;
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitCode() {
        return process.exitValue();
    }

    Duration uptime() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Whether {@code /q/health/ready} answers 200 now. */
    boolean isReady(HttpClient http) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Whether Quarkus said in this run's part of the log that it failed to start (its JVM does not always exit
     * then, for instance when a client library left a non-daemon thread behind).
     */
    boolean saidItFailedToStart() {
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(log)) {
            ch.position(logOffset);
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) Math.min(ch.size() - logOffset, 8 << 20));
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // read this run's output
            }
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).contains("Failed to start application");
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** SIGTERM (Quarkus shuts down gracefully), SIGKILL after {@code grace}; waits until the process is gone. */
    void stop(Duration grace) {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        // whatever the service itself started goes too
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale pid file is harmless: the next run checks whether that process is still a service
        }
    }

    /** The last {@code lines} lines of the log. */
    String tail(int lines) {
        return tail(log, lines);
    }

    static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no log at " + file + ")";
            }
            List<String> all = List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\\R"));
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }
}
