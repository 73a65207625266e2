package org.mfs.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One process of the suite that the local stack starts from its module's Quarkus fast-jar.
 *
 * @param name        the service's name everywhere (artifactId = quarkus.application.name)
 * @param module      its folder under the repository root
 * @param defaultPort its HTTP port when nothing overrides it
 * @param portEnv     the launcher's environment variable that overrides the port
 * @param database    the PostgreSQL database it owns, or null (the gateway has none)
 * @param envPrefix   prefix of its configuration's environment variables ({@code <PREFIX>_DB_URL}, {@code <PREFIX>_URL})
 */
public record ServiceSpec(String name, String module, int defaultPort, String portEnv, String database, String envPrefix) {

    public static final ServiceSpec AGREEMENTS = new ServiceSpec("agreements-service", "agreements-service", 8081,
            "MFS_AGREEMENTS_PORT", "agreements", "AGREEMENTS");
    public static final ServiceSpec MINERALS = new ServiceSpec("minerals-service", "minerals-service", 8082,
            "MFS_MINERALS_PORT", "minerals", "MINERALS");
    public static final ServiceSpec SECURITY_COOPERATION = new ServiceSpec("security-cooperation-service",
            "security-cooperation-service", 8083, "MFS_SECURITY_COOPERATION_PORT", "security_cooperation",
            "SECURITY_COOPERATION");
    public static final ServiceSpec GATEWAY = new ServiceSpec("gateway", "gateway", 8080, "MFS_GATEWAY_PORT", null,
            "GATEWAY");

    /** Everything the stack runs, in start order (the gateway last: it fronts the others). */
    public static final List<ServiceSpec> SUITE = List.of(AGREEMENTS, MINERALS, SECURITY_COOPERATION, GATEWAY);

    public static Optional<ServiceSpec> byName(String name) {
        return SUITE.stream().filter(s -> s.name.equals(name) || s.name.equals(name + "-service")).findFirst();
    }

    public boolean isGateway() {
        return database == null;
    }

    /** The runnable Quarkus application of this module, as `./mvnw package` leaves it. */
    public Path jar(Path repoRoot) {
        return repoRoot.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    /** The launcher flag that overrides the port: {@code --agreements-port}, {@code --gateway-port}, ... */
    public String portFlag() {
        return "--" + name.replace("-service", "") + "-port";
    }
}
