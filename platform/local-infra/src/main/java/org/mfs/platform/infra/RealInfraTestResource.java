package org.mfs.platform.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} a real PostgreSQL database and a real Kafka broker.
 * <p>
 * By default both are started here, once per test JVM: embedded PostgreSQL (zonky binaries) and a
 * single-node KRaft broker process. Existing servers are used instead when the environment names them:
 * {@code MFS_TEST_JDBC_URL} (any database on the server, for example {@code jdbc:postgresql://host:5432/postgres}),
 * {@code MFS_TEST_DB_USER}, {@code MFS_TEST_DB_PASSWORD}, and {@code MFS_TEST_KAFKA_BOOTSTRAP}.
 * <p>
 * Init argument {@code database}: the database the service under test gets (created when missing).
 */
public class RealInfraTestResource implements QuarkusTestResourceLifecycleManager {

    private static LocalPostgres postgres;
    private static LocalKafka kafka;

    private String database = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public synchronized Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        String externalJdbc = System.getenv("MFS_TEST_JDBC_URL");
        String user = Optional.ofNullable(System.getenv("MFS_TEST_DB_USER")).orElse(LocalPostgres.USER);
        String password = Optional.ofNullable(System.getenv("MFS_TEST_DB_PASSWORD")).orElse(LocalPostgres.PASSWORD);
        String jdbcUrl;
        if (externalJdbc != null && !externalJdbc.isBlank()) {
            LocalPostgres.ensureDatabase(externalJdbc, user, password, database);
            jdbcUrl = externalJdbc.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
        } else {
            startPostgres();
            postgres.ensureDatabase(database);
            jdbcUrl = postgres.jdbcUrl(database);
        }
        config.put("quarkus.datasource.jdbc.url", jdbcUrl);
        config.put("quarkus.datasource.username", user);
        config.put("quarkus.datasource.password", password);

        String externalKafka = System.getenv("MFS_TEST_KAFKA_BOOTSTRAP");
        if (externalKafka != null && !externalKafka.isBlank()) {
            config.put("kafka.bootstrap.servers", externalKafka);
        } else {
            startKafka();
            config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        }
        return config;
    }

    @Override
    public void stop() {
        // Both servers live for the whole test JVM (several test classes share them); a shutdown hook ends them.
    }

    /** The broker this JVM started, so a test can take it away and bring it back; empty for an external cluster. */
    public static Optional<LocalKafka> localBroker() {
        String dir = System.getProperty("mfs.test.kafka.dir");
        if (dir == null) {
            return Optional.empty();
        }
        return Optional.of(LocalKafka.in(Path.of(dir), Integer.getInteger("mfs.test.kafka.port"),
                Integer.getInteger("mfs.test.kafka.controller-port")));
    }

    private static void startPostgres() {
        if (postgres == null) {
            try {
                // a data folder of its own (not zonky's throw-away one) so a test can kill the server and restart it
                Path dir = Files.createTempDirectory("mfs-test-postgres");
                Path data = dir.resolve("data");
                LocalPostgres pg = LocalPostgres.start(data, LocalKafka.freePort());
                postgres = pg;
                System.setProperty("mfs.test.postgres.dir", data.toString());
                System.setProperty("mfs.test.postgres.port", Integer.toString(pg.port()));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    pg.close();
                    deleteTree(dir);
                }, "stop-test-postgres"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Whether this test JVM started its own PostgreSQL, which {@link #crashPostgres()} may kill. */
    public static boolean hasLocalPostgres() {
        return System.getProperty("mfs.test.postgres.dir") != null;
    }

    /** Kills the test PostgreSQL with SIGKILL (postmaster and backends at once), as a crash would. */
    public static void crashPostgres() {
        LocalPostgres.kill(Path.of(System.getProperty("mfs.test.postgres.dir")));
    }

    /** Starts the killed test PostgreSQL again on the same data folder and port: crash recovery runs. */
    public static synchronized void restartPostgres() {
        LocalPostgres pg = LocalPostgres.start(Path.of(System.getProperty("mfs.test.postgres.dir")),
                Integer.getInteger("mfs.test.postgres.port"));
        Runtime.getRuntime().addShutdownHook(new Thread(pg::close, "stop-restarted-test-postgres"));
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort at exit
        }
    }

    private static void startKafka() {
        if (kafka == null) {
            try {
                Path dir = Files.createTempDirectory("mfs-test-kafka");
                LocalKafka broker = LocalKafka.onFreePorts(dir);
                // generous: on a loaded 2-core machine the broker has been seen to need more than 90 s
                broker.start(Duration.ofSeconds(240));
                kafka = broker;
                System.setProperty("mfs.test.kafka.dir", dir.toString());
                System.setProperty("mfs.test.kafka.port", Integer.toString(broker.port()));
                System.setProperty("mfs.test.kafka.controller-port", Integer.toString(broker.controllerPort()));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> broker.stop(Duration.ofSeconds(10)), "stop-test-kafka"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
