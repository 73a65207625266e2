package org.mfs.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.mfs.platform.infra.LocalKafka;
import org.mfs.platform.infra.LocalPostgres;

/**
 * The whole suite on one machine: a real PostgreSQL (embedded binaries, or an existing server), a real
 * Kafka broker (its own JVM, or an existing cluster), then every service and the gateway as separate
 * processes, each checked ready on {@code /q/health/ready}, then the demo data.
 * <p>
 * From the command line: {@code deploy/run-local} (see {@code --help}). From Java:
 *
 * <pre>
 * try (LocalStack stack = new LocalStack(new StackConfig(repoRoot).dataDir(dir), System.out).start()) {
 *     ... stack.gatewayUrl() ...
 * }
 * </pre>
 *
 * {@link #start()} checks every port first and starts nothing when one is taken; when anything fails it
 * stops what it started and throws a {@link StackException}. {@link #stop()} stops everything in reverse
 * order (gateway, services, Kafka, PostgreSQL) and keeps the data.
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(20);
    private static final int LOG_TAIL_LINES = 60;

    private final StackConfig config;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Object lock = new Object();
    private final Object stopLock = new Object();
    private volatile boolean stopping;
    private volatile boolean stopRequested;
    private volatile boolean wrotePidFile;
    private volatile boolean stopped;

    private LocalPostgres postgres;
    private LocalKafka kafka;
    private LocalKeycloak keycloak;
    private final List<ServiceProcess> processes = new ArrayList<>();
    private final Set<String> reportedDead = new HashSet<>();
    private List<DemoLoader.Result> demoResults = List.of();
    private String kafkaBootstrap;
    private long startedMillis;

    public LocalStack(StackConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    // ------------------------------------------------------------------ start

    /** Starts everything and returns once every service is ready and the demo data is loaded. */
    public LocalStack start() {
        long t0 = System.nanoTime();
        try {
            new Preflight(config, pidDir(), kafkaDir(), postgresDir()).check();
            Files.createDirectories(config.logDir());
            Files.createDirectories(pidDir());
            Files.writeString(pidDir().resolve("launcher.pid"), Long.toString(ProcessHandle.current().pid()));
            wrotePidFile = true;
            startPostgres();
            startKafka();
            startKeycloak();
            startServices();
            awaitKeycloak();
            awaitReady();
            loadDemoData();
            startedMillis = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            return this;
        } catch (StackException e) {
            throw failed(e);
        } catch (IOException | RuntimeException e) {
            throw failed(new StackException(StackException.START_FAILED, String.valueOf(e.getMessage()), e));
        }
    }

    /** Says why (unless a stop was asked for), stops whatever started, and hands the exception back. */
    private StackException failed(StackException e) {
        if (!stopRequested) {
            progress("");
            progress("FAILED: " + e.getMessage());
            progress("");
        }
        shutdown();
        return e;
    }

    private void startPostgres() {
        List<String> databases = config.services().stream().map(ServiceSpec::database).filter(d -> d != null).toList();
        if (config.startsPostgres()) {
            if (System.getProperty("ot.epg.working-dir") == null) {
                // where the PostgreSQL binaries are unpacked once: under the stack's data folder
                System.setProperty("ot.epg.working-dir", config.postgresBinariesDir().toString());
            }
            boolean fresh = !Files.exists(postgresDir().resolve("PG_VERSION"));
            long t = System.nanoTime();
            progress("PostgreSQL    starting on 127.0.0.1:" + config.pgPort() + (fresh ? " (first run: creating the cluster)" : "") + " ...");
            LocalPostgres pg = LocalPostgres.start(postgresDir(), config.pgPort());
            register(() -> postgres = pg, pg::close);
            for (String db : databases) {
                pg.ensureDatabase(db);
            }
            progress("PostgreSQL    ready in " + seconds(t) + ", databases " + String.join(", ", databases));
        } else {
            progress("PostgreSQL    using " + config.pgUrl() + " as " + config.pgUser());
            for (String db : databases) {
                LocalPostgres.ensureDatabase(config.pgUrl(), config.pgUser(), config.pgPassword(), db);
            }
            progress("PostgreSQL    databases " + String.join(", ", databases) + " present");
        }
    }

    private void startKafka() {
        if (config.startsKafka()) {
            long t = System.nanoTime();
            progress("Kafka         starting on 127.0.0.1:" + config.kafkaPort() + " (controller " + config.kafkaControllerPort() + ") ...");
            LocalKafka broker = LocalKafka.in(kafkaDir(), config.kafkaPort(), config.kafkaControllerPort());
            // registered before it starts, so that a stop during its start still ends the broker process
            register(() -> kafka = broker, () -> broker.stop(Duration.ofSeconds(30)));
            linkLog(broker.logFile(), config.logDir().resolve("kafka.log"));
            broker.start(Duration.ofSeconds(120));
            kafkaBootstrap = broker.bootstrapServers();
            recordKafkaBootstrap();
            progress("Kafka         ready in " + seconds(t));
        } else {
            kafkaBootstrap = config.kafkaBootstrap();
            try (Admin admin = Admin.create(adminProps())) {
                admin.describeCluster().nodes().get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new StackException(StackException.START_FAILED,
                        "cannot reach the Kafka cluster at " + kafkaBootstrap + " (MFS_KAFKA_BOOTSTRAP): " + e);
            }
            recordKafkaBootstrap();
            progress("Kafka         using " + kafkaBootstrap);
        }
    }

    /** Where {@code deploy/run-local events} finds this stack's broker (removed when the stack stops). */
    static Path kafkaBootstrapFile(Path dataDir) {
        return dataDir.resolve("pids").resolve("kafka.bootstrap");
    }

    private void recordKafkaBootstrap() {
        try {
            Files.createDirectories(pidDir());
            Files.writeString(kafkaBootstrapFile(config.dataDir()), kafkaBootstrap);
        } catch (IOException e) {
            progress("  (could not record the Kafka address for 'deploy/run-local events': " + e.getMessage() + ")");
        }
    }

    /** Starts the local Keycloak without waiting: the services start meanwhile (they reach it on the first token). */
    private void startKeycloak() {
        if (!config.startsKeycloak()) {
            progress("Keycloak      using the issuer " + config.oidcIssuer());
            return;
        }
        boolean fresh = !Files.exists(keycloakDir().resolve("h2"));
        progress("Keycloak      starting on localhost:" + config.keycloakPort()
                + (fresh ? " (first run: importing the mfs realm)" : "") + " ...");
        LocalKeycloak kc = LocalKeycloak.start(config.repoRoot(), keycloakDir(), config.keycloakPort(), config.httpHost(),
                config.logDir(), pidDir());
        register(() -> keycloak = kc, () -> kc.stop(Duration.ofSeconds(20)));
    }

    private void awaitKeycloak() {
        if (keycloak == null) {
            return;
        }
        // the first start also builds Keycloak for this machine (about 30 s on a quiet machine, minutes on a busy one)
        keycloak.awaitReady(http, config.readyTimeout().plusSeconds(180));
        progress(String.format(Locale.ROOT, "  %-30s ready in %4.1f s  %s", "Keycloak", keycloak.uptime().toMillis() / 1000.0,
                keycloak.issuer()));
    }

    /** A token for the demo administrator when the stack runs its own Keycloak, else MFS_DEMO_TOKEN if set. */
    Optional<String> demoToken() {
        if (keycloak != null) {
            return Optional.of(LocalKeycloak.passwordGrant(http, config.oidcIssuer(), "admin", "admin"));
        }
        return Optional.ofNullable(System.getenv("MFS_DEMO_TOKEN")).filter(t -> !t.isBlank());
    }

    private Path keycloakDir() {
        return config.dataDir().resolve("keycloak");
    }

    private void startServices() {
        progress("Services      starting " + String.join(", ", config.services().stream()
                .map(s -> s.name() + " (" + config.port(s) + ")").toList()) + " ...");
        for (ServiceSpec s : config.services()) {
            checkNotStopping();
            ServiceProcess p = ServiceProcess.start(s, config.port(s), config.repoRoot(), config.serviceJavaOpts(),
                    environmentFor(s), config.logDir(), pidDir());
            register(() -> processes.add(p), () -> p.stop(SERVICE_STOP_GRACE));
        }
    }

    /** The environment a service process gets on top of the launcher's own. */
    Map<String, String> environmentFor(ServiceSpec s) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(config.port(s)));
        env.put("QUARKUS_HTTP_HOST", config.httpHost());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        // topics the services create: one copy on the stack's single broker (production defaults are 3 and 2)
        env.put("MFS_OUTBOX_REPLICATION_FACTOR", System.getenv().getOrDefault("MFS_OUTBOX_REPLICATION_FACTOR", "1"));
        env.put("MFS_OUTBOX_MIN_INSYNC_REPLICAS", System.getenv().getOrDefault("MFS_OUTBOX_MIN_INSYNC_REPLICAS", "1"));
        // bearer tokens: every service and the gateway verify them against this issuer
        env.put("MFS_OIDC_ISSUER", config.oidcIssuer());
        if (s.database() != null) {
            env.put(s.envPrefix() + "_DB_URL", jdbcUrl(s.database()));
            env.put(s.envPrefix() + "_DB_USER", dbUser());
            env.put(s.envPrefix() + "_DB_PASSWORD", dbPassword());
        }
        if (s.equals(ServiceSpec.AGREEMENTS)) {
            // the demo agreements (DRC-US and others) are applied by the service itself, local stack only
            env.put("MFS_AGREEMENTS_DEMO_ENABLED", Boolean.toString(config.demoData()));
        }
        if (s.equals(ServiceSpec.SECURITY_COOPERATION)) {
            // demo programmes under the DRC-US agreement, applied by the service once that agreement's event arrived
            env.put("MFS_SECURITY_COOPERATION_DEMO_ENABLED", Boolean.toString(config.demoData()));
        }
        if (s.equals(ServiceSpec.MINERALS) && config.demoData()) {
            // the USGS data then arrives through the REST upload (DemoLoaders.MINERALS), as a user would load it
            env.put("MINERALS_SEED_USGS", "false");
        }
        // where the others are, for the gateway's routes (and for any service that calls another's API)
        for (ServiceSpec other : ServiceSpec.SUITE) {
            if (!other.isGateway()) {
                env.put(other.envPrefix() + "_URL", "http://127.0.0.1:" + config.port(other));
            }
        }
        return env;
    }

    private void awaitReady() {
        List<ServiceProcess> pending;
        synchronized (lock) {
            pending = new ArrayList<>(processes);
        }
        while (!pending.isEmpty()) {
            checkNotStopping();
            for (ServiceProcess p : List.copyOf(pending)) {
                if (p.isReady(http)) {
                    progress(String.format(Locale.ROOT, "  %-30s ready in %4.1f s  http://localhost:%d", p.spec().name(),
                            p.uptime().toMillis() / 1000.0, p.port()));
                    pending.remove(p);
                } else if (!p.isAlive()) {
                    throw notReady(p, p.spec().name() + " exited with code " + p.exitCode() + " while starting");
                } else if (p.saidItFailedToStart()) {
                    throw notReady(p, p.spec().name() + " failed to start");
                } else if (p.uptime().compareTo(config.readyTimeout()) > 0) {
                    throw notReady(p, p.spec().name() + " was not ready within " + config.readyTimeout().toSeconds()
                            + " s (GET http://127.0.0.1:" + p.port() + "/q/health/ready)");
                }
            }
            if (!pending.isEmpty()) {
                sleep(500);
            }
        }
    }

    private StackException notReady(ServiceProcess p, String what) {
        String tail = p.tail(LOG_TAIL_LINES);
        return new StackException(StackException.START_FAILED, what + "; the last lines of " + p.log() + ":"
                + System.lineSeparator() + indent(tail));
    }

    private void loadDemoData() {
        if (!config.demoData() || config.demoLoaders().isEmpty()) {
            return;
        }
        List<DemoLoader.Result> results = new ArrayList<>();
        Optional<String> token = demoToken();
        for (DemoLoader loader : config.demoLoaders()) {
            checkNotStopping();
            DemoLoader.Result r;
            if (!config.services().contains(loader.service())) {
                r = new DemoLoader.Result(loader, DemoLoader.Outcome.SKIPPED_SERVICE_NOT_RUNNING, loader.service().name() + " skipped");
            } else if (token.isEmpty()) {
                r = new DemoLoader.Result(loader, DemoLoader.Outcome.FAILED, "no token to load it with: set MFS_DEMO_TOKEN"
                        + " to an editor's or admin's access token from " + config.oidcIssuer());
            } else {
                r = loader.load(http, serviceUrl(loader.service()), token.get(), config.repoRoot(),
                        config.dataDir().resolve("demo"));
            }
            results.add(r);
            progress((r.outcome() == DemoLoader.Outcome.FAILED ? "  WARNING demo data " : "  demo data ") + r);
        }
        demoResults = List.copyOf(results);
    }

    // ------------------------------------------------------------------ stop

    /** Stops everything this stack started, in reverse order: gateway, services, Kafka, PostgreSQL. Keeps the data. */
    public void stop() {
        stopRequested = true;
        shutdown();
    }

    private void shutdown() {
        stopping = true;
        synchronized (stopLock) {
            if (stopped) {
                return;
            }
            List<ServiceProcess> procs;
            LocalKafka k;
            LocalPostgres pg;
            LocalKeycloak kc;
            synchronized (lock) {
                procs = new ArrayList<>(processes);
                k = kafka;
                pg = postgres;
                kc = keycloak;
            }
            boolean anything = !procs.isEmpty() || k != null || pg != null || kc != null;
            if (anything) {
                progress("Stopping the local stack ...");
            }
            Collections.reverse(procs);
            List<ServiceProcess> gateways = procs.stream().filter(p -> p.spec().isGateway()).toList();
            List<ServiceProcess> services = procs.stream().filter(p -> !p.spec().isGateway()).toList();
            stopAll(gateways);
            stopAll(services);
            if (kc != null) {
                kc.stop(Duration.ofSeconds(20));
                progress("  stopped Keycloak");
            }
            if (k != null) {
                try {
                    k.stop(Duration.ofSeconds(30));
                    progress("  stopped Kafka");
                } catch (RuntimeException e) {
                    progress("  could not stop Kafka cleanly: " + e);
                }
            }
            if (pg != null) {
                try {
                    pg.close();
                    progress("  stopped PostgreSQL");
                } catch (RuntimeException e) {
                    progress("  could not stop PostgreSQL cleanly: " + e);
                }
            }
            if (wrotePidFile) {
                try {
                    Files.deleteIfExists(kafkaBootstrapFile(config.dataDir()));
                    Files.deleteIfExists(pidDir().resolve("launcher.pid"));
                } catch (IOException e) {
                    // a stale pid file names a dead process: the next run ignores it
                }
            }
            stopped = true;
            if (anything) {
                progress("Stopped. Data kept in " + config.dataDir());
            }
        }
    }

    private void stopAll(List<ServiceProcess> procs) {
        List<CompletableFuture<Void>> stops = procs.stream()
                .map(p -> CompletableFuture.runAsync(() -> {
                    p.stop(SERVICE_STOP_GRACE);
                    progress("  stopped " + p.spec().name());
                })).toList();
        stops.forEach(CompletableFuture::join);
    }

    @Override
    public void close() {
        stop();
    }

    /** Whether {@link #stop()} was asked for (from a signal, the parent going away or the API). */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** Registers a started part, or stops it right away when a stop came in meanwhile. */
    private void register(Runnable add, Runnable stopIt) {
        synchronized (lock) {
            if (!stopping) {
                add.run();
                return;
            }
        }
        stopIt.run();
        throw new StackException(StackException.START_FAILED, "stopped while starting");
    }

    private void checkNotStopping() {
        if (stopping) {
            throw new StackException(StackException.START_FAILED, "stopped while starting");
        }
    }

    // ------------------------------------------------------------------ running

    /**
     * Blocks until {@link #stop()} ran (for example from a signal) or the process named by MFS_PARENT_PID
     * (deploy/run-local) is gone, warning once about any part that dies on its own meanwhile.
     */
    public void awaitShutdown() {
        Optional<ProcessHandle> parent = config.parentPid() > 0 ? ProcessHandle.of(config.parentPid()) : Optional.empty();
        if (config.parentPid() > 0 && parent.isEmpty()) {
            progress("The process that started the launcher (pid " + config.parentPid() + ") is gone: stopping.");
            stop();
            return;
        }
        while (!stopped) {
            if (parent.isPresent() && !parent.get().isAlive() && !stopping) {
                progress("The process that started the launcher (pid " + config.parentPid() + ") is gone: stopping.");
                stop();
                return;
            }
            if (!stopping) {
                warnAboutDeadParts();
            }
            sleep(1000);
        }
    }

    private void warnAboutDeadParts() {
        List<ServiceProcess> procs;
        synchronized (lock) {
            procs = List.copyOf(processes);
        }
        for (ServiceProcess p : procs) {
            if (!p.isAlive() && reportedDead.add(p.spec().name())) {
                progress("WARNING " + p.spec().name() + " exited with code " + p.exitCode() + "; see " + p.log()
                        + ". The rest keeps running; restart the stack to bring it back.");
            }
        }
        if (kafka != null && !kafka.isRunning() && reportedDead.add("kafka")) {
            progress("WARNING the Kafka broker is gone; see " + kafka.logFile());
        }
    }

    // ------------------------------------------------------------------ what is where

    public StackConfig config() {
        return config;
    }

    public String gatewayUrl() {
        return "http://localhost:" + config.port(ServiceSpec.GATEWAY);
    }

    public String serviceUrl(ServiceSpec s) {
        return "http://127.0.0.1:" + config.port(s);
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    /** The JDBC URL of {@code database} on the stack's PostgreSQL. */
    public String jdbcUrl(String database) {
        if (config.startsPostgres()) {
            return "jdbc:postgresql://127.0.0.1:" + config.pgPort() + "/" + database;
        }
        return withDatabase(config.pgUrl(), database);
    }

    public String dbUser() {
        return config.startsPostgres() ? LocalPostgres.USER : config.pgUser();
    }

    public String dbPassword() {
        return config.startsPostgres() ? LocalPostgres.PASSWORD : config.pgPassword();
    }

    public Path dataDir() {
        return config.dataDir();
    }

    public Path logDir() {
        return config.logDir();
    }

    public List<DemoLoader.Result> demoResults() {
        return demoResults;
    }

    /** Pids of the processes this stack started and still runs (services and gateway, Kafka). */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        synchronized (lock) {
            processes.stream().filter(ServiceProcess::isAlive).forEach(p -> pids.add(p.pid()));
        }
        return pids;
    }

    private Path postgresDir() {
        return config.dataDir().resolve("postgres");
    }

    private Path kafkaDir() {
        return config.dataDir().resolve("kafka");
    }

    private Path pidDir() {
        return config.dataDir().resolve("pids");
    }

    /** {@code jdbc:postgresql://host:port/anything?params} with {@code anything} replaced by {@code database}. */
    static String withDatabase(String url, String database) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(jdbc:postgresql://[^/?]+)(/[^?]*)?(\\?.*)?$").matcher(url);
        if (!m.matches()) {
            throw StackException.usage("MFS_PG_URL must look like jdbc:postgresql://host:5432/postgres, not " + url);
        }
        return m.group(1) + "/" + database + (m.group(3) == null ? "" : m.group(3));
    }

    /** The banner printed once everything is up. */
    public String banner() {
        return Banner.of(this, startedMillis, demoResults);
    }

    private List<String> cachedTopics;

    /** The application topics on the broker (the services create theirs at startup). */
    public List<String> topics() {
        if (cachedTopics == null) {
            try (Admin admin = Admin.create(adminProps())) {
                cachedTopics = admin.listTopics().names().get(10, TimeUnit.SECONDS).stream().filter(t -> !t.startsWith("_"))
                        .sorted().toList();
            } catch (Exception e) {
                return List.of();
            }
        }
        return cachedTopics;
    }

    private Properties adminProps() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        return p;
    }

    /** The launcher's libraries (embedded PostgreSQL's server output, the Kafka admin client) log to {@code file}. */
    public static void logLibrariesTo(Path file) {
        System.setProperty("org.slf4j.simpleLogger.logFile", file.toString());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSS");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
    }

    // ------------------------------------------------------------------ helpers

    void progress(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
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

    private static String indent(String text) {
        return String.join(System.lineSeparator(), Stream.of(text.split("\\R")).map(l -> "    | " + l).toList());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException(StackException.START_FAILED, "interrupted");
        }
    }
}
