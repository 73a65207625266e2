package org.mfs.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** How the launcher reads its environment and flags, and how it checks ports. No process is started here. */
class StackConfigTest {

    private static final String REPO = "/tmp/some-repo";

    private static StackConfig parse(Map<String, String> env, String... args) {
        java.util.HashMap<String, String> e = new java.util.HashMap<>(env);
        e.putIfAbsent("MFS_REPO_ROOT", REPO);
        return StackConfig.fromEnvironment(e, args);
    }

    @Test
    void defaultsAreTheDocumentedPortsAndTheDataFolderUnderTheRepository() {
        StackConfig c = parse(Map.of());
        assertEquals(Path.of(REPO, ".local", "stack"), c.dataDir());
        assertEquals(Path.of(REPO, ".local", "stack", "logs"), c.logDir());
        assertEquals(Path.of(REPO, ".local", "stack", "postgres-binaries"), c.postgresBinariesDir());
        assertEquals(5432, c.pgPort());
        assertEquals(9092, c.kafkaPort());
        assertEquals(9093, c.kafkaControllerPort());
        assertEquals(8080, c.port(ServiceSpec.GATEWAY));
        assertEquals(8081, c.port(ServiceSpec.AGREEMENTS));
        assertEquals(8082, c.port(ServiceSpec.MINERALS));
        assertEquals(8083, c.port(ServiceSpec.SECURITY_COOPERATION));
        assertTrue(c.startsPostgres());
        assertTrue(c.startsKafka());
        assertTrue(c.demoData());
        assertEquals(ServiceSpec.SUITE, c.services());
        assertTrue(c.startsKeycloak());
        assertEquals("http://localhost:8180/realms/mfs", c.oidcIssuer());
        assertEquals(List.of(5432, 9092, 9093, 8180, 8081, 8082, 8083, 8080), List.copyOf(c.listeningPorts().keySet()));
    }

    @Test
    void anExistingIssuerReplacesTheLocalKeycloak() {
        StackConfig c = parse(Map.of("MFS_KEYCLOAK_PORT", "18180"), "--oidc-issuer", "https://login.example.org/realms/mfs");
        assertFalse(c.startsKeycloak());
        assertEquals("https://login.example.org/realms/mfs", c.oidcIssuer());
        assertFalse(c.listeningPorts().containsKey(18180), "no Keycloak, so its port is not checked");
        assertEquals("http://localhost:18180/realms/mfs", parse(Map.of("MFS_KEYCLOAK_PORT", "18180")).oidcIssuer());
        StackException e = assertThrows(StackException.class, () -> parse(Map.of(), "--oidc-issuer", "login.example.org"));
        assertEquals(StackException.USAGE, e.exitCode());
    }

    @Test
    void environmentOverridesDefaultsAndFlagsOverrideTheEnvironment() {
        StackConfig c = parse(Map.of("MFS_DATA_DIR", "/data/env", "MFS_GATEWAY_PORT", "18080", "MFS_PG_PORT", "15432",
                "MFS_KAFKA_PORT", "19092", "MFS_DEMO_DATA", "false"),
                "--data-dir=/data/flag", "--agreements-port", "18081", "--skip", "minerals");
        assertEquals(Path.of("/data/flag"), c.dataDir());
        assertEquals(18080, c.port(ServiceSpec.GATEWAY));
        assertEquals(18081, c.port(ServiceSpec.AGREEMENTS));
        assertEquals(15432, c.pgPort());
        assertEquals(19092, c.kafkaPort());
        assertFalse(c.demoData());
        assertFalse(c.services().contains(ServiceSpec.MINERALS));
        assertFalse(c.listeningPorts().containsKey(8082), "a skipped service's port is not checked");
    }

    @Test
    void anExternalPostgresOrKafkaIsUsedAndItsPortsAreNotChecked() {
        StackConfig c = parse(Map.of("MFS_PG_URL", "jdbc:postgresql://db:5433/postgres", "MFS_PG_USER", "app",
                "MFS_PG_PASSWORD", "secret", "MFS_KAFKA_BOOTSTRAP", "broker:9092"));
        assertFalse(c.startsPostgres());
        assertFalse(c.startsKafka());
        assertEquals("app", c.pgUser());
        assertEquals("broker:9092", c.kafkaBootstrap());
        assertEquals(List.of(8180, 8081, 8082, 8083, 8080), List.copyOf(c.listeningPorts().keySet()));
        assertEquals("jdbc:postgresql://db:5433/minerals", ServiceEnvironment.withDatabase(c.pgUrl(), "minerals"));
        assertEquals("jdbc:postgresql://db/agreements?ssl=true",
                ServiceEnvironment.withDatabase("jdbc:postgresql://db/postgres?ssl=true", "agreements"));
        assertEquals("jdbc:postgresql://db:5432/agreements", ServiceEnvironment.withDatabase("jdbc:postgresql://db:5432", "agreements"));
    }

    @Test
    void badValuesAreUsageErrors() {
        for (String[] args : List.of(new String[] {"--gateway-port", "http"}, new String[] {"--pg-port=70000"},
                new String[] {"--frobnicate"}, new String[] {"--skip", "billing-service"}, new String[] {"--data-dir"},
                new String[] {"--ready-timeout", "0"})) {
            StackException e = assertThrows(StackException.class, () -> parse(Map.of(), args), String.join(" ", args));
            assertEquals(StackException.USAGE, e.exitCode());
        }
        StackException clash = assertThrows(StackException.class,
                () -> parse(Map.of("MFS_GATEWAY_PORT", "8081")).listeningPorts());
        assertTrue(clash.getMessage().contains("port 8081 is configured for both agreements-service"), clash.getMessage());
    }

    @Test
    void aListeningPortIsReportedTakenWithWhatItWasWantedFor() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = s.getLocalPort();
            assertFalse(Ports.isFree(port));
            assertEquals(List.of("port " + port + " (for gateway (MFS_GATEWAY_PORT)) is already in use"),
                    Ports.taken(Map.of(port, "gateway (MFS_GATEWAY_PORT)")));
        }
    }

    @Test
    void eventsFindTheBrokerTheRunningStackRecordedInItsDataFolder(@org.junit.jupiter.api.io.TempDir Path data) throws IOException {
        Map<String, String> env = Map.of("MFS_REPO_ROOT", REPO, "MFS_DATA_DIR", data.toString());
        assertEquals("127.0.0.1:9092", EventTail.bootstrap(env), "no stack running: the default port");
        java.nio.file.Files.createDirectories(data.resolve("pids"));
        java.nio.file.Files.writeString(StackInfrastructure.kafkaBootstrapFile(data), "127.0.0.1:41234\n");
        assertEquals("127.0.0.1:41234", EventTail.bootstrap(env));
        assertEquals("broker:9092", EventTail.bootstrap(Map.of("MFS_REPO_ROOT", REPO, "MFS_DATA_DIR", data.toString(),
                "MFS_KAFKA_BOOTSTRAP", "broker:9092")), "an explicit broker wins");
    }
}
