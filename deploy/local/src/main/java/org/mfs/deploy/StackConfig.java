package org.mfs.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the local stack can be told: where the repository and the data live, which ports to use,
 * whether to use an existing PostgreSQL or Kafka instead of starting them, which services to run.
 * <p>
 * Built from defaults, then the environment ({@code MFS_*} variables), then command-line flags
 * ({@link #fromEnvironment}); or programmatically with the fluent setters (the integration test does).
 */
public final class StackConfig {

    public static final int DEFAULT_PG_PORT = 5432;
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 9093;
    public static final int DEFAULT_KEYCLOAK_PORT = 8180;
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(120);
    /** Small heaps and the C1 compiler only: four JVMs and a broker start at once on a laptop or a 2-core box. */
    public static final String DEFAULT_SERVICE_JAVA_OPTS = "-Xms32m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    private Path repoRoot;
    private Path dataDir;
    private String httpHost = "127.0.0.1";
    private int pgPort = DEFAULT_PG_PORT;
    private String pgUrl;
    private String pgUser = "postgres";
    private String pgPassword = "postgres";
    private int kafkaPort = DEFAULT_KAFKA_PORT;
    private int kafkaControllerPort = DEFAULT_KAFKA_CONTROLLER_PORT;
    private String kafkaBootstrap;
    private int keycloakPort = DEFAULT_KEYCLOAK_PORT;
    private String oidcIssuer;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Set<String> skipped = new LinkedHashSet<>();
    private Duration readyTimeout = DEFAULT_READY_TIMEOUT;
    private List<String> serviceJavaOpts = split(DEFAULT_SERVICE_JAVA_OPTS);
    private boolean demoData = true;
    private List<DemoLoader> demoLoaders = DemoLoaders.suite();
    private long parentPid = -1;
    private boolean help;

    public StackConfig(Path repoRoot) {
        this.repoRoot = repoRoot.toAbsolutePath().normalize();
        this.dataDir = this.repoRoot.resolve(".local").resolve("stack");
        for (ServiceSpec s : ServiceSpec.SUITE) {
            ports.put(s.name(), s.defaultPort());
        }
    }

    /**
     * Defaults, overridden by the environment, overridden by the flags ({@link LauncherArguments}). Unknown flags and
     * bad values throw a {@link StackException} with exit code 2.
     */
    public static StackConfig fromEnvironment(Map<String, String> env, String[] args) {
        return LauncherArguments.read(env, args);
    }

    /**
     * The repository root: the folder holding {@code deploy/local/pom.xml}, searched upward from this jar's
     * location, then from the working directory.
     */
    static Path locateRepoRoot() {
        List<Path> starts = new ArrayList<>();
        try {
            starts.add(Path.of(StackConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (Exception ignored) {
            // no code source: fall back to the working directory
        }
        starts.add(Path.of("").toAbsolutePath());
        for (Path start : starts) {
            for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("deploy").resolve("local").resolve("pom.xml"))) {
                    return p;
                }
            }
        }
        throw StackException.usage("cannot find the repository root (a folder with deploy/local/pom.xml) above "
                + starts + "; set MFS_REPO_ROOT or pass --repo");
    }

    // ---- fluent setters (the Java API) ----

    public StackConfig dataDir(Path dir) {
        this.dataDir = dir.toAbsolutePath().normalize();
        return this;
    }

    public StackConfig httpHost(String host) {
        this.httpHost = host;
        return this;
    }

    public StackConfig pgPort(int port) {
        this.pgPort = port;
        return this;
    }

    /** Use this PostgreSQL server (any database on it, e.g. jdbc:postgresql://host:5432/postgres) instead of starting one. */
    public StackConfig externalPostgres(String jdbcUrl, String user, String password) {
        this.pgUrl = jdbcUrl;
        this.pgUser = user;
        this.pgPassword = password;
        return this;
    }

    public StackConfig kafkaPorts(int port, int controllerPort) {
        this.kafkaPort = port;
        this.kafkaControllerPort = controllerPort;
        return this;
    }

    /** Use this Kafka cluster instead of starting a broker. */
    public StackConfig externalKafka(String bootstrapServers) {
        this.kafkaBootstrap = bootstrapServers;
        return this;
    }

    public StackConfig port(ServiceSpec service, int port) {
        ports.put(service.name(), port);
        return this;
    }

    /** Do not start this service (name as in {@link ServiceSpec}, "-service" may be left off). */
    public StackConfig skip(String name) {
        ServiceSpec s = ServiceSpec.byName(name.trim())
                .orElseThrow(() -> StackException.usage("unknown service '" + name + "' (known: "
                        + ServiceSpec.SUITE.stream().map(ServiceSpec::name).toList() + ")"));
        skipped.add(s.name());
        return this;
    }

    public StackConfig readyTimeout(Duration timeout) {
        this.readyTimeout = timeout;
        return this;
    }

    public StackConfig serviceJavaOpts(List<String> opts) {
        this.serviceJavaOpts = List.copyOf(opts);
        return this;
    }

    public StackConfig demoData(boolean load) {
        this.demoData = load;
        return this;
    }

    StackConfig help(boolean asked) {
        this.help = asked;
        return this;
    }

    StackConfig parentPid(long pid) {
        this.parentPid = pid;
        return this;
    }

    public StackConfig demoLoaders(List<DemoLoader> loaders) {
        this.demoLoaders = List.copyOf(loaders);
        return this;
    }

    // ---- accessors ----

    public Path repoRoot() {
        return repoRoot;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Where the embedded PostgreSQL binaries are unpacked once: under the data folder, with everything else of the stack. */
    public Path postgresBinariesDir() {
        return dataDir.resolve("postgres-binaries");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public String httpHost() {
        return httpHost;
    }

    public int pgPort() {
        return pgPort;
    }

    public String pgUrl() {
        return pgUrl;
    }

    public boolean startsPostgres() {
        return pgUrl == null;
    }

    public String pgUser() {
        return pgUser;
    }

    public String pgPassword() {
        return pgPassword;
    }

    public int kafkaPort() {
        return kafkaPort;
    }

    public int kafkaControllerPort() {
        return kafkaControllerPort;
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    public boolean startsKafka() {
        return kafkaBootstrap == null;
    }

    public int keycloakPort() {
        return keycloakPort;
    }

    /** The OpenID Connect issuer the services trust: the local Keycloak's mfs realm, or --oidc-issuer. */
    public String oidcIssuer() {
        return oidcIssuer != null ? oidcIssuer : LocalKeycloak.issuer(keycloakPort);
    }

    /** Whether the stack starts its own Keycloak (no --oidc-issuer). */
    public boolean startsKeycloak() {
        return oidcIssuer == null;
    }

    /** Use this OpenID Connect issuer instead of starting Keycloak. */
    public StackConfig externalIssuer(String issuer) {
        this.oidcIssuer = issuer;
        return this;
    }

    public StackConfig keycloakPort(int port) {
        this.keycloakPort = port;
        return this;
    }

    public int port(ServiceSpec service) {
        return ports.get(service.name());
    }

    /** The services this stack starts, in start order. */
    public List<ServiceSpec> services() {
        return ServiceSpec.SUITE.stream().filter(s -> !skipped.contains(s.name())).toList();
    }

    public Duration readyTimeout() {
        return readyTimeout;
    }

    public List<String> serviceJavaOpts() {
        return serviceJavaOpts;
    }

    public boolean demoData() {
        return demoData;
    }

    public List<DemoLoader> demoLoaders() {
        return demoLoaders;
    }

    public long parentPid() {
        return parentPid;
    }

    public boolean help() {
        return help;
    }

    /** Every TCP port this configuration will listen on, with what listens there, in start order. */
    public Map<Integer, String> listeningPorts() {
        Map<Integer, String> wanted = new LinkedHashMap<>();
        List<String> clashes = new ArrayList<>();
        java.util.function.BiConsumer<Integer, String> add = (port, what) -> {
            String before = wanted.putIfAbsent(port, what);
            if (before != null) {
                clashes.add("port " + port + " is configured for both " + before + " and " + what);
            }
        };
        if (startsPostgres()) {
            add.accept(pgPort, "PostgreSQL (MFS_PG_PORT)");
        }
        if (startsKafka()) {
            add.accept(kafkaPort, "Kafka (MFS_KAFKA_PORT)");
            add.accept(kafkaControllerPort, "the Kafka controller (MFS_KAFKA_CONTROLLER_PORT)");
        }
        if (startsKeycloak()) {
            add.accept(keycloakPort, "Keycloak (MFS_KEYCLOAK_PORT)");
        }
        for (ServiceSpec s : services()) {
            add.accept(port(s), s.name() + " (" + s.portEnv() + ")");
        }
        if (!clashes.isEmpty()) {
            throw StackException.usage(String.join("; ", clashes));
        }
        return wanted;
    }

    static List<String> split(String s) {
        return Arrays.stream(s.trim().split("\\s+")).filter(x -> !x.isBlank()).toList();
    }
}
