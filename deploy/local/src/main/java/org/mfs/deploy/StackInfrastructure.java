package org.mfs.deploy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.mfs.platform.infra.LocalKafka;
import org.mfs.platform.infra.LocalPostgres;

/**
 * The stack's infrastructure: PostgreSQL, Kafka and Keycloak, each started here with its data under the stack's data
 * folder, or an existing one used, as the configuration says. Each part is handed to {@code started} as soon as it
 * exists (before it is ready), so that a stop asked for meanwhile still ends its process.
 */
final class StackInfrastructure {

    private final StackConfig config;
    private final Consumer<String> progress;

    StackInfrastructure(StackConfig config, Consumer<String> progress) {
        this.config = config;
        this.progress = progress;
    }

    Path postgresDir() {
        return config.dataDir().resolve("postgres");
    }

    Path kafkaDir() {
        return config.dataDir().resolve("kafka");
    }

    Path keycloakDir() {
        return config.dataDir().resolve("keycloak");
    }

    Path pidDir() {
        return config.dataDir().resolve("pids");
    }

    /** Where {@code deploy/run-local events} finds this stack's broker (removed when the stack stops). */
    static Path kafkaBootstrapFile(Path dataDir) {
        return dataDir.resolve("pids").resolve("kafka.bootstrap");
    }

    void startPostgres(Consumer<LocalPostgres> started) {
        List<String> databases = config.services().stream().map(ServiceSpec::database).filter(d -> d != null).toList();
        if (config.startsPostgres()) {
            if (System.getProperty("ot.epg.working-dir") == null) {
                // where the PostgreSQL binaries are unpacked once: under the stack's data folder
                System.setProperty("ot.epg.working-dir", config.postgresBinariesDir().toString());
            }
            boolean fresh = !Files.exists(postgresDir().resolve("PG_VERSION"));
            long t = System.nanoTime();
            progress.accept("PostgreSQL    starting on 127.0.0.1:" + config.pgPort() + (fresh ? " (first run: creating the cluster)" : "") + " ...");
            LocalPostgres pg = LocalPostgres.start(postgresDir(), config.pgPort());
            started.accept(pg);
            for (String db : databases) {
                pg.ensureDatabase(db);
            }
            progress.accept("PostgreSQL    ready in " + seconds(t) + ", databases " + String.join(", ", databases));
        } else {
            progress.accept("PostgreSQL    using " + config.pgUrl() + " as " + config.pgUser());
            for (String db : databases) {
                LocalPostgres.ensureDatabase(config.pgUrl(), config.pgUser(), config.pgPassword(), db);
            }
            progress.accept("PostgreSQL    databases " + String.join(", ", databases) + " present");
        }
    }

    /** Starts the broker (or checks the configured cluster answers) and returns its bootstrap address. */
    String startKafka(Consumer<LocalKafka> started) {
        String bootstrap;
        if (config.startsKafka()) {
            long t = System.nanoTime();
            progress.accept("Kafka         starting on 127.0.0.1:" + config.kafkaPort() + " (controller " + config.kafkaControllerPort() + ") ...");
            LocalKafka broker = LocalKafka.in(kafkaDir(), config.kafkaPort(), config.kafkaControllerPort());
            started.accept(broker);
            linkLog(broker.logFile(), config.logDir().resolve("kafka.log"));
            broker.start(Duration.ofSeconds(120));
            bootstrap = broker.bootstrapServers();
            recordKafkaBootstrap(bootstrap);
            progress.accept("Kafka         ready in " + seconds(t));
        } else {
            bootstrap = config.kafkaBootstrap();
            try (Admin admin = Admin.create(adminProps(bootstrap))) {
                admin.describeCluster().nodes().get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new StackException(StackException.START_FAILED,
                        "cannot reach the Kafka cluster at " + bootstrap + " (MFS_KAFKA_BOOTSTRAP): " + e);
            }
            recordKafkaBootstrap(bootstrap);
            progress.accept("Kafka         using " + bootstrap);
        }
        return bootstrap;
    }

    private void recordKafkaBootstrap(String bootstrap) {
        try {
            Files.createDirectories(pidDir());
            Files.writeString(kafkaBootstrapFile(config.dataDir()), bootstrap);
        } catch (IOException e) {
            progress.accept("  (could not record the Kafka address for 'deploy/run-local events': " + e.getMessage() + ")");
        }
    }

    /** Starts the local Keycloak without waiting: the services start meanwhile (they reach it on the first token). */
    void startKeycloak(Consumer<LocalKeycloak> started) {
        if (!config.startsKeycloak()) {
            progress.accept("Keycloak      using the issuer " + config.oidcIssuer());
            return;
        }
        boolean fresh = !Files.exists(keycloakDir().resolve("h2"));
        progress.accept("Keycloak      starting on localhost:" + config.keycloakPort()
                + (fresh ? " (first run: importing the mfs realm)" : "") + " ...");
        started.accept(LocalKeycloak.start(config.repoRoot(), keycloakDir(), config.keycloakPort(), config.httpHost(),
                config.logDir(), pidDir()));
    }

    void awaitKeycloak(LocalKeycloak keycloak, HttpClient http) {
        // the first start also builds Keycloak for this machine (about 30 s on a quiet machine, minutes on a busy one)
        keycloak.awaitReady(http, config.readyTimeout().plusSeconds(180));
        progress.accept(String.format(Locale.ROOT, "  %-30s ready in %4.1f s  %s", "Keycloak",
                keycloak.uptime().toMillis() / 1000.0, keycloak.issuer()));
    }

    /** The application topics on the broker at {@code bootstrap} (empty when it cannot be asked). */
    static List<String> topics(String bootstrap) {
        try (Admin admin = Admin.create(adminProps(bootstrap))) {
            return admin.listTopics().names().get(10, TimeUnit.SECONDS).stream().filter(t -> !t.startsWith("_")).sorted()
                    .toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    private static Properties adminProps(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        return p;
    }

    private static void linkLog(Path target, Path link) {
        try {
            Files.createDirectories(target.getParent());
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, link.getParent().relativize(target));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // only a convenience: the broker's own log stays in its folder
        }
    }

    private static String seconds(long startNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
