package org.mfs.gateway;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.mfs.platform.infra.LocalKafka;
import org.mfs.platform.infra.LocalPostgres;
import org.mfs.platform.infra.TestTokens;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The three real services behind the gateway under test: real PostgreSQL and a real Kafka broker, and each service
 * as its own JVM from its packaged {@code target/quarkus-app/quarkus-run.jar} (the reactor packages them before the
 * gateway), with its demo data (agreements-service's DRC-US partnership and others, security-cooperation-service's
 * programmes under it, minerals-service's USGS seed). The services verify the same test tokens as the gateway.
 * Logs: {@code gateway/target/real-services/<service>.log}. {@link #pause} freezes one (SIGSTOP), as a hung process;
 * {@link #kill} ends one with SIGKILL, as a crash, {@link #terminate} with SIGTERM, as a rolling update, and {@link #restart}
 * starts it again on the same port and database.
 */
public class RealServices implements QuarkusTestResourceLifecycleManager {

    /** Service key in the gateway's configuration, service name (= module and database prefix), database, env prefix. */
    private static final List<List<String>> SERVICES = List.of(
            List.of("agreements", "agreements-service", "agreements", "AGREEMENTS"),
            List.of("minerals", "minerals-service", "minerals", "MINERALS"),
            List.of("security-cooperation", "security-cooperation-service", "security_cooperation", "SECURITY_COOPERATION"));

    private static final Map<String, Process> PROCESSES = new LinkedHashMap<>();
    private static final Map<String, Integer> PORTS = new LinkedHashMap<>();
    /** The running instance, for {@link #restart} and {@link #kafkaBootstrapServers}. */
    private static RealServices running;
    private LocalPostgres postgres;
    private LocalKafka kafka;
    private Path repo;
    private Path work;

    @Override
    public Map<String, String> start() {
        repo = Path.of("").toAbsolutePath().getParent();
        work = repo.resolve("gateway").resolve("target").resolve("real-services");
        try {
            deleteTree(work);
            Files.createDirectories(work);
            for (List<String> s : SERVICES) {
                Path jar = jar(repo, s.get(1));
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException(jar + " is missing: package the services first "
                            + "(./mvnw -pl gateway -am verify packages them before the gateway's tests)");
                }
            }
            postgres = LocalPostgres.start(null, LocalKafka.freePort());
            kafka = LocalKafka.onFreePorts(work.resolve("kafka"));
            kafka.start(Duration.ofSeconds(240));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        running = this;
        Map<String, String> config = new HashMap<>();
        for (List<String> s : SERVICES) {
            postgres.ensureDatabase(s.get(2));
            int port = LocalKafka.freePort();
            PORTS.put(s.get(1), port);
            PROCESSES.put(s.get(1), launch(s, port));
            config.put("mfs.gateway.services." + s.get(0) + ".url", "http://127.0.0.1:" + port);
        }
        awaitReady(PORTS, work, Duration.ofSeconds(240));
        config.putAll(TestTokens.verifierConfig());
        return config;
    }

    /** The broker the services publish to. */
    static String kafkaBootstrapServers() {
        return running.kafka.bootstrapServers();
    }

    /** Ends a service at once (SIGKILL), as a crash: no shutdown hook runs, nothing is flushed. */
    static void kill(String service) {
        Process p = PROCESSES.get(service);
        p.destroyForcibly(); // SIGKILL on Linux
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(service + " still alive 30 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Asks a service to stop as Kubernetes does in a rolling update (SIGTERM) and returns at once with its process:
     * its shutdown runs meanwhile, requests in flight included.
     */
    static Process terminate(String service) {
        Process p = PROCESSES.get(service);
        p.destroy(); // SIGTERM on Linux
        return p;
    }

    /** The port a service listens on. */
    static int port(String service) {
        return PORTS.get(service);
    }

    /** Starts a stopped or killed service again, on its port and database, and waits until it is ready. */
    static void restart(String service) {
        List<String> s = SERVICES.stream().filter(spec -> spec.get(1).equals(service)).findFirst().orElseThrow();
        int port = PORTS.get(service);
        PROCESSES.put(service, running.launch(s, port));
        awaitReady(Map.of(service, port), running.work, Duration.ofSeconds(240));
    }

    private Process launch(List<String> s, int port) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx384m");
        // verify the test tokens: the key, issuer and audience the gateway's tests sign with (an empty value unsets)
        TestTokens.verifierConfig().forEach((key, value) -> cmd.add("-D" + key + "=" + value));
        cmd.add("-jar");
        cmd.add(jar(repo, s.get(1)).toString());
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(repo.resolve(s.get(1)).toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve(s.get(1) + ".log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("MFS_OUTBOX_REPLICATION_FACTOR", "1");
        env.put("MFS_OUTBOX_MIN_INSYNC_REPLICAS", "1");
        env.put(s.get(3) + "_DB_URL", postgres.jdbcUrl(s.get(2)));
        env.put(s.get(3) + "_DB_USER", LocalPostgres.USER);
        env.put(s.get(3) + "_DB_PASSWORD", LocalPostgres.PASSWORD);
        env.put("MFS_AGREEMENTS_DEMO_ENABLED", "true");
        env.put("MFS_SECURITY_COOPERATION_DEMO_ENABLED", "true");
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + s.get(1), e);
        }
    }

    private static void awaitReady(Map<String, Integer> ports, Path work, Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Map.Entry<String, Integer> service : ports.entrySet()) {
            while (true) {
                Process p = PROCESSES.get(service.getKey());
                if (!p.isAlive()) {
                    throw new IllegalStateException(service.getKey() + " exited with " + p.exitValue() + "; see "
                            + work.resolve(service.getKey() + ".log"));
                }
                try {
                    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + service.getValue() + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        break;
                    }
                } catch (IOException e) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(service.getKey() + " not ready within " + timeout + "; see "
                            + work.resolve(service.getKey() + ".log"));
                }
                sleep(500);
            }
        }
    }

    /** Freezes a service (SIGSTOP): its kernel still accepts connections, nothing answers. */
    static void pause(String service) {
        signal(service, "STOP");
    }

    /** Lets a paused service go on (SIGCONT). */
    static void resume(String service) {
        signal(service, "CONT");
    }

    private static void signal(String service, String signal) {
        long pid = PROCESSES.get(service).pid();
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        for (Process p : PROCESSES.values()) {
            p.destroy();
        }
        for (Process p : PROCESSES.values()) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        PROCESSES.clear();
        PORTS.clear();
        running = null;
        if (kafka != null) {
            kafka.stop(Duration.ofSeconds(20));
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static Path jar(Path repo, String module) {
        return repo.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
