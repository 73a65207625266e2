package org.mfs.deploy;

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
 * Reads a {@link StackConfig} from what the launcher is given: defaults, overridden by the environment
 * ({@code MFS_*} variables), overridden by the command-line flags. Unknown flags and bad values throw a
 * {@link StackException} with exit code 2.
 */
final class LauncherArguments {

    private LauncherArguments() {
    }

    static StackConfig read(Map<String, String> env, String[] args) {
        Map<String, String> flags = parseFlags(args);
        String repo = first(flags.get("--repo"), env.get("MFS_REPO_ROOT"));
        StackConfig c = new StackConfig(repo != null ? Path.of(repo) : StackConfig.locateRepoRoot());
        c.help(flags.containsKey("--help"));

        String data = first(flags.get("--data-dir"), env.get("MFS_DATA_DIR"));
        if (data != null) {
            c.dataDir(Path.of(data));
        }
        c.httpHost(orDefault(first(flags.get("--host"), env.get("MFS_HTTP_HOST")), c.httpHost()));
        c.pgPort(port("--pg-port", first(flags.get("--pg-port"), env.get("MFS_PG_PORT")), c.pgPort()));
        // an external server's URL, or null: the stack starts its own PostgreSQL with these credentials
        c.externalPostgres(blankToNull(first(flags.get("--pg-url"), env.get("MFS_PG_URL"))),
                orDefault(first(flags.get("--pg-user"), env.get("MFS_PG_USER")), c.pgUser()),
                orDefault(first(flags.get("--pg-password"), env.get("MFS_PG_PASSWORD")), c.pgPassword()));
        c.kafkaPorts(port("--kafka-port", first(flags.get("--kafka-port"), env.get("MFS_KAFKA_PORT")), c.kafkaPort()),
                port("--kafka-controller-port", first(flags.get("--kafka-controller-port"),
                        env.get("MFS_KAFKA_CONTROLLER_PORT")), c.kafkaControllerPort()));
        c.externalKafka(blankToNull(first(flags.get("--kafka-bootstrap"), env.get("MFS_KAFKA_BOOTSTRAP"))));
        c.keycloakPort(port("--keycloak-port", first(flags.get("--keycloak-port"), env.get("MFS_KEYCLOAK_PORT")),
                c.keycloakPort()));
        String issuer = blankToNull(first(flags.get("--oidc-issuer"), env.get("MFS_OIDC_ISSUER")));
        if (issuer != null && !issuer.matches("https?://\\S+")) {
            throw StackException.usage("--oidc-issuer: '" + issuer + "' is not an http(s) URL");
        }
        c.externalIssuer(issuer);
        for (ServiceSpec s : ServiceSpec.SUITE) {
            c.port(s, port(s.portFlag(), first(flags.get(s.portFlag()), env.get(s.portEnv())), s.defaultPort()));
        }
        String skip = first(flags.get("--skip"), env.get("MFS_SKIP"));
        if (skip != null) {
            for (String name : skip.split("[,\\s]+")) {
                if (!name.isBlank()) {
                    c.skip(name);
                }
            }
        }
        String timeout = first(flags.get("--ready-timeout"), env.get("MFS_READY_TIMEOUT"));
        if (timeout != null) {
            c.readyTimeout(Duration.ofSeconds(positive("--ready-timeout", timeout)));
        }
        String opts = env.get("MFS_SERVICE_JAVA_OPTS");
        if (opts != null) {
            c.serviceJavaOpts(StackConfig.split(opts));
        }
        if (flags.containsKey("--no-demo-data") || "false".equalsIgnoreCase(env.get("MFS_DEMO_DATA"))) {
            c.demoData(false);
        }
        String parent = env.get("MFS_PARENT_PID");
        if (parent != null && parent.matches("\\d+")) {
            c.parentPid(Long.parseLong(parent));
        }
        return c;
    }

    private static final Set<String> VALUE_FLAGS = new LinkedHashSet<>(List.of("--repo", "--data-dir", "--host",
            "--pg-port", "--pg-url", "--pg-user", "--pg-password", "--kafka-port", "--kafka-controller-port",
            "--kafka-bootstrap", "--skip", "--ready-timeout", "--keycloak-port", "--oidc-issuer"));
    private static final Set<String> SWITCHES = Set.of("--help", "-h", "--no-demo-data", "--no-build");

    static {
        ServiceSpec.SUITE.forEach(s -> VALUE_FLAGS.add(s.portFlag()));
    }

    static Map<String, String> parseFlags(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        List<String> list = new ArrayList<>(Arrays.asList(args));
        for (int i = 0; i < list.size(); i++) {
            String arg = list.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (SWITCHES.contains(name)) {
                flags.put(name.equals("-h") ? "--help" : name, "true");
            } else if (VALUE_FLAGS.contains(name)) {
                if (value == null) {
                    if (i + 1 >= list.size()) {
                        throw StackException.usage(name + " needs a value");
                    }
                    value = list.get(++i);
                }
                flags.put(name, value);
            } else {
                throw StackException.usage("unknown option " + arg);
            }
        }
        return flags;
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static int port(String what, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        int p = positive(what, value);
        if (p > 65535) {
            throw StackException.usage(what + ": " + value + " is not a TCP port");
        }
        return p;
    }

    private static int positive(String what, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw StackException.usage(what + ": '" + value + "' is not a positive number");
        }
    }
}
