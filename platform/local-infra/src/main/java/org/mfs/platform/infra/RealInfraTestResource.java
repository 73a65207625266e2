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
 * The service is also configured to verify the bearer tokens {@link TestTokens} signs (test key pair, test issuer
 * and audience), so a test only adds {@code .auth().oauth2(token)}.
 * <p>
 * Init argument {@code database}: the database the service under test gets (created when missing). Init argument
 * {@code postgres=dedicated} gives the test class a PostgreSQL server of its own, with its own data folder, that the
 * test may crash and restart ({@link #dedicatedPostgres()}); use it with {@code restrictToAnnotatedClass = true}.
 */
public class RealInfraTestResource implements QuarkusTestResourceLifecycleManager {

    private static LocalPostgres postgres;
    private static LocalKafka kafka;
    private static LocalPostgres dedicated;

    private String database = "app";
    private boolean dedicatedServer;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
        dedicatedServer = "dedicated".equals(initArgs.get("postgres"));
    }

    /** The server of a test class that asked for {@code postgres=dedicated}, to kill and restart. */
    public static LocalPostgres dedicatedPostgres() {
        if (dedicated == null) {
            throw new IllegalStateException("no dedicated PostgreSQL: declare the resource with initArg postgres=dedicated");
        }
        return dedicated;
    }

    @Override
    public synchronized Map<String, String> start() {
        if (OpenApiContract.enabled()) {
            // every response the module's tests receive is held to its published OpenAPI document (ADR 15);
            // -Dmfs.openapi.contract=false turns it off for a run that is about something else
            OpenApiContract.install();
        }
        Map<String, String> config = new HashMap<>();
        String externalJdbc = System.getenv("MFS_TEST_JDBC_URL");
        String user = Optional.ofNullable(System.getenv("MFS_TEST_DB_USER")).orElse(LocalPostgres.USER);
        String password = Optional.ofNullable(System.getenv("MFS_TEST_DB_PASSWORD")).orElse(LocalPostgres.PASSWORD);
        String jdbcUrl;
        if (dedicatedServer) {
            try {
                if (dedicated != null) {
                    dedicated.close();
                }
                LocalPostgres pg = LocalPostgres.start(Files.createTempDirectory("mfs-test-pg"), LocalKafka.freePort());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (RuntimeException e) {
                        // already gone
                    }
                }, "stop-dedicated-postgres"));
                dedicated = pg;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            user = LocalPostgres.USER;
            password = LocalPostgres.PASSWORD;
            dedicated.ensureDatabase(database);
            jdbcUrl = dedicated.jdbcUrl(database);
        } else if (externalJdbc != null && !externalJdbc.isBlank()) {
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
        // bearer tokens: the service verifies the ones TestTokens signs
        config.putAll(TestTokens.verifierConfig());
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
            postgres = LocalPostgres.start(null, LocalKafka.freePort());
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "stop-test-postgres"));
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
