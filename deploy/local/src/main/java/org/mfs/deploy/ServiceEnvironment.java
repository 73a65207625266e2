package org.mfs.deploy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.mfs.platform.infra.LocalPostgres;

/**
 * What each process of the stack is told through its environment (ports, the broker, the issuer, its database,
 * where the other services are), and where the stack's databases are: on the PostgreSQL the stack started, or on the
 * one MFS_PG_URL names.
 */
final class ServiceEnvironment {

    private final StackConfig config;

    ServiceEnvironment(StackConfig config) {
        this.config = config;
    }

    /** The environment service {@code s} gets on top of the launcher's own. */
    Map<String, String> of(ServiceSpec s, String kafkaBootstrap) {
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

    /** The JDBC URL of {@code database} on the stack's PostgreSQL. */
    String jdbcUrl(String database) {
        if (config.startsPostgres()) {
            return "jdbc:postgresql://127.0.0.1:" + config.pgPort() + "/" + database;
        }
        return withDatabase(config.pgUrl(), database);
    }

    String dbUser() {
        return config.startsPostgres() ? LocalPostgres.USER : config.pgUser();
    }

    String dbPassword() {
        return config.startsPostgres() ? LocalPostgres.PASSWORD : config.pgPassword();
    }

    /** {@code jdbc:postgresql://host:port/anything?params} with {@code anything} replaced by {@code database}. */
    static String withDatabase(String url, String database) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(jdbc:postgresql://[^/?]+)(/[^?]*)?(\\?.*)?$").matcher(url);
        if (!m.matches()) {
            throw StackException.usage("MFS_PG_URL must look like jdbc:postgresql://host:5432/postgres, not " + url);
        }
        return m.group(1) + "/" + database + (m.group(3) == null ? "" : m.group(3));
    }
}
