package org.mfs.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    private final StackConfig config;
    private final PrintStream out;
    private final StackInfrastructure infra;
    private final ServiceEnvironment environment;
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
        this.infra = new StackInfrastructure(config, this::progress);
        this.environment = new ServiceEnvironment(config);
    }

    // ------------------------------------------------------------------ start

    /** Starts everything and returns once every service is ready and the demo data is loaded. */
    public LocalStack start() {
        long t0 = System.nanoTime();
        try {
            new Preflight(config, infra.pidDir(), infra.kafkaDir(), infra.postgresDir()).check();
            Files.createDirectories(config.logDir());
            Files.createDirectories(infra.pidDir());
            Files.writeString(infra.pidDir().resolve("launcher.pid"), Long.toString(ProcessHandle.current().pid()));
            wrotePidFile = true;
            infra.startPostgres(pg -> register(() -> postgres = pg, pg::close));
            kafkaBootstrap = infra.startKafka(broker -> register(() -> kafka = broker, () -> broker.stop(StopSequence.KAFKA_GRACE)));
            infra.startKeycloak(kc -> register(() -> keycloak = kc, () -> kc.stop(StopSequence.KEYCLOAK_GRACE)));
            startServices();
            if (keycloak != null) {
                infra.awaitKeycloak(keycloak, http);
            }
            awaitReady();
            if (config.demoData() && !config.demoLoaders().isEmpty()) {
                demoResults = DemoLoaders.loadAll(config, http, demoToken(), this::serviceUrl, this::progress, this::checkNotStopping);
            }
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

    /** A token for the demo administrator when the stack runs its own Keycloak, else MFS_DEMO_TOKEN if set. */
    Optional<String> demoToken() {
        if (keycloak != null) {
            return Optional.of(LocalKeycloak.passwordGrant(http, config.oidcIssuer(), "admin", "admin"));
        }
        return Optional.ofNullable(System.getenv("MFS_DEMO_TOKEN")).filter(t -> !t.isBlank());
    }

    private void startServices() {
        progress("Services      starting " + String.join(", ", config.services().stream()
                .map(s -> s.name() + " (" + config.port(s) + ")").toList()) + " ...");
        for (ServiceSpec s : config.services()) {
            checkNotStopping();
            ServiceProcess p = ServiceProcess.start(s, config.port(s), config.repoRoot(), config.serviceJavaOpts(),
                    environmentFor(s), config.logDir(), infra.pidDir());
            register(() -> processes.add(p), () -> p.stop(StopSequence.SERVICE_GRACE));
        }
    }

    /** The environment a service process gets on top of the launcher's own. */
    Map<String, String> environmentFor(ServiceSpec s) {
        return environment.of(s, kafkaBootstrap);
    }

    private void awaitReady() {
        List<ServiceProcess> started;
        synchronized (lock) {
            started = new ArrayList<>(processes);
        }
        ServiceReadiness.await(started, http, config.readyTimeout(), this::progress, this::checkNotStopping);
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
            StopSequence.run(procs, kc, k, pg, this::progress);
            if (wrotePidFile) {
                try {
                    Files.deleteIfExists(StackInfrastructure.kafkaBootstrapFile(config.dataDir()));
                    Files.deleteIfExists(infra.pidDir().resolve("launcher.pid"));
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
            ServiceReadiness.sleep(1000);
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
        return environment.jdbcUrl(database);
    }

    public String dbUser() {
        return environment.dbUser();
    }

    public String dbPassword() {
        return environment.dbPassword();
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

    /** The banner printed once everything is up. */
    public String banner() {
        return Banner.of(this, startedMillis, demoResults);
    }

    private List<String> cachedTopics;

    /** The application topics on the broker (the services create theirs at startup). */
    public List<String> topics() {
        if (cachedTopics == null || cachedTopics.isEmpty()) {
            cachedTopics = StackInfrastructure.topics(kafkaBootstrap);
        }
        return cachedTopics;
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

}
