package org.mfs.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak for the local stack: the {@code org.keycloak:keycloak-quarkus-dist} zip from Maven Central
 * (copied into {@code deploy/local/target/keycloak} by the build), unpacked once into {@code <repo>/.local/keycloak}
 * (shared by every stack on this machine, like the PostgreSQL binaries), started with {@code kc.sh start-dev}; its
 * database (H2 file) lives in the stack's data folder, {@code <data>/keycloak}. The {@code mfs} realm
 * ({@code deploy/keycloak/mfs-realm.json}) is imported at start when the database does not have it yet.
 * <p>
 * The issuer is fixed to {@code http://localhost:<port>/realms/mfs} whatever address a client uses, so tokens
 * fetched with curl, by Swagger UI and by the services all carry the same {@code iss}.
 */
final class LocalKeycloak {

    static final String VERSION = "26.5.6";
    static final String REALM = "mfs";
    /** Demo users' passwords are their usernames (local stack only). */
    static final String CLI_CLIENT = "mfs-cli";

    private final Path home;
    private final Path dataDir;
    private final int port;
    private final String host;
    private final Path log;
    private final Path pidFile;
    private Process process;
    private final long startedNanos = System.nanoTime();

    private LocalKeycloak(Path home, Path dataDir, int port, String host, Path log, Path pidFile) {
        this.home = home;
        this.dataDir = dataDir;
        this.port = port;
        this.host = host;
        this.log = log;
        this.pidFile = pidFile;
    }

    /** The issuer URL of the {@code mfs} realm on a local Keycloak listening on {@code port}. */
    static String issuer(int port) {
        return "http://localhost:" + port + "/realms/" + REALM;
    }

    /** Unpacks (once) and starts Keycloak; returns without waiting for it to be ready. */
    static LocalKeycloak start(Path repoRoot, Path dataDir, int port, String host, Path logDir, Path pidDir) {
        Path home = unpacked(repoRoot);
        LocalKeycloak kc = new LocalKeycloak(home, dataDir, port, host, logDir.resolve("keycloak.log"),
                pidDir.resolve("keycloak.pid"));
        kc.launch(repoRoot);
        return kc;
    }

    /** The distribution unpacked under {@code <repo>/.local/keycloak/keycloak-<version>}, unpacking it the first time. */
    static Path unpacked(Path repoRoot) {
        Path cache = repoRoot.resolve(".local").resolve("keycloak");
        Path home = cache.resolve("keycloak-" + VERSION);
        if (Files.isRegularFile(home.resolve("bin").resolve("kc.sh"))) {
            return home;
        }
        Path zip = repoRoot.resolve("deploy/local/target/keycloak/keycloak-quarkus-dist-" + VERSION + ".zip");
        if (!Files.isRegularFile(zip)) {
            throw new StackException(StackException.START_FAILED, "Keycloak " + VERSION + " is not downloaded yet ("
                    + repoRoot.relativize(zip) + "); build first: ./mvnw -B -q -DskipTests install");
        }
        try {
            Files.createDirectories(cache);
            Path tmp = Files.createTempDirectory(cache, "unpacking-");
            unzip(zip, tmp);
            Path unpacked = tmp.resolve("keycloak-" + VERSION);
            Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(tmp);
            home.resolve("bin").resolve("kc.sh").toFile().setExecutable(true);
            return home;
        } catch (IOException e) {
            if (Files.isRegularFile(home.resolve("bin").resolve("kc.sh"))) {
                return home; // another stack unpacked it at the same time
            }
            throw new StackException(StackException.START_FAILED, "could not unpack Keycloak: " + e.getMessage(), e);
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the target folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    if (e.getName().endsWith(".sh")) {
                        target.toFile().setExecutable(true);
                    }
                }
            }
        }
    }

    private void launch(Path repoRoot) {
        try {
            Path realm = repoRoot.resolve("deploy/keycloak/mfs-realm.json");
            Path importDir = home.resolve("data").resolve("import");
            Files.createDirectories(importDir);
            Files.copy(realm, importDir.resolve("mfs-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            Files.createDirectories(dataDir);
            List<String> cmd = new ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-port=" + port, "--http-host=" + host, "--hostname=http://localhost:" + port,
                    "--db-url=jdbc:h2:file:" + dataDir.resolve("h2").resolve("keycloakdb") + ";NON_KEYWORDS=VALUE;AUTO_SERVER=TRUE",
                    "--import-realm", "--log-console-output=default"));
            Files.writeString(log, System.lineSeparator() + "===== " + Instant.now() + " local stack starts Keycloak on port "
                    + port + ": " + String.join(" ", cmd) + System.lineSeparator(), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Map<String, String> env = pb.environment();
            env.put("JAVA_HOME", System.getProperty("java.home"));
            // first admin of the master realm (console at http://localhost:<port>/admin), local only
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
            env.putIfAbsent("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            process = pb.start();
            Files.writeString(pidFile, Long.toString(process.pid()));
        } catch (IOException e) {
            throw new StackException(StackException.START_FAILED, "could not start Keycloak: " + e.getMessage(), e);
        }
    }

    /** Whether the realm's discovery document answers. */
    boolean isReady(HttpClient http) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/realms/" + REALM + "/.well-known/openid-configuration"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until the realm answers; fails with the log's tail when Keycloak exits or the time runs out. */
    void awaitReady(HttpClient http, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isReady(http)) {
            if (!process.isAlive()) {
                throw new StackException(StackException.START_FAILED, "Keycloak exited with code " + process.exitValue()
                        + " while starting; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new StackException(StackException.START_FAILED, "Keycloak was not ready within "
                        + timeout.toSeconds() + " s; see " + log);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException(StackException.START_FAILED, "interrupted while waiting for Keycloak");
            }
        }
    }

    Duration uptime() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    int port() {
        return port;
    }

    String issuer() {
        return issuer(port);
    }

    Path log() {
        return log;
    }

    /** Stops Keycloak (SIGTERM, then SIGKILL after the grace period) and its child processes. */
    void stop(Duration grace) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // a stale pid file names a dead process: the next run ignores it
        }
    }

    /**
     * An access token for a demo user of the local realm (password grant of the {@value #CLI_CLIENT} client; the
     * demo passwords are the usernames).
     */
    static String passwordGrant(HttpClient http, String tokenEndpointBase, String username, String password) {
        String form = "grant_type=password&client_id=" + CLI_CLIENT + "&username=" + enc(username) + "&password="
                + enc(password) + "&scope=openid";
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(tokenEndpointBase
                    + "/protocol/openid-connect/token")).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new StackException(StackException.START_FAILED, "no token for " + username + " from "
                        + tokenEndpointBase + ": HTTP " + r.statusCode() + " " + r.body());
            }
            Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
            if (!m.find()) {
                throw new StackException(StackException.START_FAILED, "no access_token in the token response for " + username);
            }
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException(StackException.START_FAILED, "interrupted while getting a token");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

}
