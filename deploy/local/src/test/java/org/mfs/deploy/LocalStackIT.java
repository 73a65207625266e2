package org.mfs.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mfs.platform.infra.KafkaProbe;
import org.mfs.platform.infra.LocalKafka;

/**
 * The whole suite, end to end, as deploy/run-local starts it: real PostgreSQL, a real Kafka broker, every
 * service and the gateway as separate processes from their packaged jars, on free ports with a throw-away
 * data folder (target/it-stack, left there for a look after a failure).
 * <p>
 * It starts every service whose {@code target/quarkus-app/quarkus-run.jar} exists (the reactor packages them
 * before this module); {@code -Dmfs.it.skip=minerals-service} leaves one out while it is being written.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {

    private static final String TOPIC = "agreements.agreement.v1";
    /** Agreements in agreements-service's demo file (src/main/resources/demo/agreements-demo.json). */
    private static final int DEMO_AGREEMENTS = 4;
    private static final String CREATE = """
            {"title":"DRC-US Strategic Partnership","type":"STRATEGIC_PARTNERSHIP",
             "parties":[{"country":"CD","role":"RESOURCE_HOLDER"},{"country":"US","role":"INVESTOR_PARTNER"}]}
            """;

    private static Path work;
    private static StackConfig config;
    private static LocalStack stack;
    private static String agreementId;
    /** Access tokens from the stack's real Keycloak (password grant of the demo users). */
    private static String drcEditor;
    private static String admin;
    private static String frViewer;

    @BeforeAll
    static void startTheStack() throws IOException {
        Path repo = System.getProperty("mfs.repo.root") != null ? Path.of(System.getProperty("mfs.repo.root"))
                : StackConfig.locateRepoRoot();
        work = repo.resolve("deploy").resolve("local").resolve("target").resolve("it-stack");
        deleteTree(work);
        Files.createDirectories(work);
        LocalStack.logLibrariesTo(work.resolve("launcher.log"));

        config = new StackConfig(repo).dataDir(work.resolve("data"))
                .pgPort(LocalKafka.freePort())
                .kafkaPorts(LocalKafka.freePort(), LocalKafka.freePort())
                .keycloakPort(LocalKafka.freePort())
                // more than the launcher's 120 s: on a shared 2-core machine under other builds a start can take a minute
                .readyTimeout(Duration.ofSeconds(180));
        for (ServiceSpec s : ServiceSpec.SUITE) {
            config.port(s, LocalKafka.freePort());
        }
        for (String name : System.getProperty("mfs.it.skip", "").split("[,\\s]+")) {
            if (!name.isBlank()) {
                config.skip(name);
            }
        }
        for (ServiceSpec s : ServiceSpec.SUITE) {
            if (!Files.isRegularFile(s.jar(repo)) && config.services().contains(s)) {
                if (s == ServiceSpec.AGREEMENTS || s == ServiceSpec.GATEWAY) {
                    fail(s.name() + " is not packaged (" + s.jar(repo) + "): build the reactor first");
                }
                System.out.println("LocalStackIT: " + s.name() + " is not packaged yet; running without it");
                config.skip(s.name());
            }
        }
        stack = new LocalStack(config, System.out).start();
        signIn();
    }

    /** Logs the demo users in against the stack's Keycloak, as the README's curl does. */
    private static void signIn() {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        drcEditor = LocalKeycloak.passwordGrant(http, config.oidcIssuer(), "drc-editor", "drc-editor");
        admin = LocalKeycloak.passwordGrant(http, config.oidcIssuer(), "admin", "admin");
        frViewer = LocalKeycloak.passwordGrant(http, config.oidcIssuer(), "fr-viewer", "fr-viewer");
    }

    /** The {@code sub} of an access token. */
    private static String subject(String token) {
        String payload = token.split("\\.")[1];
        return JsonPath.from(new String(java.util.Base64.getUrlDecoder().decode(payload), java.nio.charset.StandardCharsets.UTF_8))
                .getString("sub");
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    @Order(1)
    void anAgreementCreatedThroughTheGatewayIsStoredPublishedAndReadBack() throws Exception {
        String gateway = stack.gatewayUrl();
        // no token, no entry: 401 problem with a Bearer challenge, from the gateway
        given().baseUri(gateway).contentType(ContentType.JSON).body(CREATE).when().post("/api/v1/agreements")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"));
        agreementId = postAsACarefulClient(drcEditor, "/api/v1/agreements", CREATE)
                .then().statusCode(201)
                .body("title", equalTo("DRC-US Strategic Partnership"))
                // the Location a client gets points at the gateway it called, not at the service behind it
                .header("Location", org.hamcrest.Matchers.startsWith(gateway + "/api/v1/agreements/"))
                .extract().path("id");
        assertNotNull(agreementId);

        // the row, in the service's own database
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl("agreements"), stack.dbUser(), stack.dbPassword())) {
            try (PreparedStatement ps = c.prepareStatement("select title, type, status from agreement where id = ?")) {
                ps.setObject(1, UUID.fromString(agreementId));
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next(), "no agreement row " + agreementId);
                    assertEquals("DRC-US Strategic Partnership", rs.getString("title"));
                    assertEquals("STRATEGIC_PARTNERSHIP", rs.getString("type"));
                    assertEquals("DRAFT", rs.getString("status"));
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "select country, role from agreement_party where agreement_id = ? order by position")) {
                ps.setObject(1, UUID.fromString(agreementId));
                try (ResultSet rs = ps.executeQuery()) {
                    List<String> parties = new ArrayList<>();
                    while (rs.next()) {
                        parties.add(rs.getString("country") + "/" + rs.getString("role"));
                    }
                    assertEquals(List.of("CD/RESOURCE_HOLDER", "US/INVESTOR_PARTNER"), parties);
                }
            }
        }

        // the CloudEvent, as a plain Kafka consumer reads it
        try (KafkaProbe probe = new KafkaProbe(stack.kafkaBootstrap(), TOPIC)) {
            ConsumerRecord<String, String> event = probe.await(r -> agreementId.equals(r.key()), 1, Duration.ofSeconds(60)).get(0);
            assertEquals("1.0", KafkaProbe.header(event, "ce_specversion"));
            assertEquals("agreement.created.v1", KafkaProbe.header(event, "ce_type"));
            assertEquals("/agreements-service", KafkaProbe.header(event, "ce_source"));
            assertEquals(agreementId, KafkaProbe.header(event, "ce_subject"));
            assertEquals("1", KafkaProbe.header(event, "ce_sequence"));
            assertNotNull(KafkaProbe.header(event, "ce_id"));
            JsonPath payload = JsonPath.from(event.value());
            assertEquals(agreementId, payload.getString("agreementId"));
            assertEquals("DRC-US Strategic Partnership", payload.getString("title"));
            assertEquals(List.of("CD", "US"), payload.getList("parties.country"));
            assertEquals(List.of("RESOURCE_HOLDER", "INVESTOR_PARTNER"), payload.getList("parties.role"));
        }

        // and back through the gateway
        given().baseUri(gateway).auth().oauth2(drcEditor).when().get("/api/v1/agreements/" + agreementId)
                .then().statusCode(200)
                .body("id", equalTo(agreementId))
                .body("title", equalTo("DRC-US Strategic Partnership"))
                .body("parties.country", equalTo(List.of("CD", "US")));

        // a change by the logged-in DRC editor: the actor in the history and in the event is the token's user
        String actor = "drc-editor (" + subject(drcEditor) + ")";
        try (KafkaProbe probe = new KafkaProbe(stack.kafkaBootstrap(), TOPIC)) {
            given().baseUri(gateway).auth().oauth2(drcEditor).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                    .header("X-Actor", "someone-else").body("{\"summary\": \"Minerals, energy and security cooperation\"}")
                    .when().patch("/api/v1/agreements/" + agreementId).then().statusCode(200);
            ConsumerRecord<String, String> updated = probe.await(r -> agreementId.equals(r.key())
                    && "agreement.updated.v1".equals(KafkaProbe.header(r, "ce_type")), 1, Duration.ofSeconds(60)).get(0);
            assertEquals(actor, JsonPath.from(updated.value()).getString("actor"));
        }
        given().baseUri(gateway).auth().oauth2(drcEditor).when().get("/api/v1/agreements/" + agreementId + "/history")
                .then().statusCode(200)
                .body("revisions[0].actor", equalTo(actor))
                .body("revisions[1].actor", equalTo(actor));
    }

    @Test
    @Order(2)
    void theDemoAgreementsAreLoaded() throws InterruptedException {
        // agreements-service applies its demo file once the commodity read model (from minerals-service's events)
        // knows the minerals it covers: the DRC-US partnership, found by party and covered mineral
        assertEventually(() -> {
            List<String> refs = given().baseUri(stack.gatewayUrl()).auth().oauth2(admin).when().get("/api/v1/agreements?party=CD&mineral=coltan")
                    .then().statusCode(200).extract().jsonPath().getList("items.referenceCode");
            return refs.contains("CD-US-2025-SP");
        }, "the DRC-US demo agreement was not loaded");
        List<String> titles = given().baseUri(stack.gatewayUrl()).auth().oauth2(admin).when().get("/api/v1/agreements?size=100")
                .then().statusCode(200).extract().jsonPath().getList("items.title");
        assertEquals(DEMO_AGREEMENTS + 1, titles.size(), "the demo agreements and the one this test created: " + titles);

        // the Zambia-US memorandum is PARTIES_ONLY: a viewer from a third country does not see it anywhere
        String zmUs = given().baseUri(stack.gatewayUrl()).auth().oauth2(admin).when().get("/api/v1/agreements?party=ZM")
                .then().statusCode(200).extract().path("items[0].id");
        List<String> seen = given().baseUri(stack.gatewayUrl()).auth().oauth2(frViewer).when().get("/api/v1/agreements?size=100")
                // every demo agreement but that one, and the one the first test created
                .then().statusCode(200).body("total", equalTo(DEMO_AGREEMENTS - 1 + 1)).extract().jsonPath().getList("items.id");
        assertFalse(seen.contains(zmUs), "a third-country viewer sees the PARTIES_ONLY agreement");
        given().baseUri(stack.gatewayUrl()).auth().oauth2(frViewer).when().get("/api/v1/agreements?party=ZM")
                .then().statusCode(200).body("total", equalTo(0));
        given().baseUri(stack.gatewayUrl()).auth().oauth2(frViewer).when().get("/api/v1/agreements/" + zmUs)
                .then().statusCode(404);
        String csv = given().baseUri(stack.gatewayUrl()).auth().oauth2(frViewer).accept("text/csv").when()
                .get("/api/v1/agreements/export").then().statusCode(200).extract().asString();
        assertFalse(csv.contains(zmUs), "the CSV export shows the PARTIES_ONLY agreement");
        // and the DRC editor may not change an agreement the DRC is not party to (the Japan-US one)
        String jpUs = given().baseUri(stack.gatewayUrl()).auth().oauth2(drcEditor).when().get("/api/v1/agreements?party=JP")
                .then().statusCode(200).extract().path("items[0].id");
        given().baseUri(stack.gatewayUrl()).auth().oauth2(drcEditor).contentType(ContentType.JSON).header("If-Match", "\"3\"")
                .body("{\"summary\": \"not ours\"}").when().patch("/api/v1/agreements/" + jpUs)
                .then().statusCode(403).contentType("application/problem+json");

        if (config.services().contains(ServiceSpec.MINERALS)) {
            DemoLoader.Result minerals = demoResult("minerals-usgs-mcs2025");
            assertTrue(minerals.outcome() == DemoLoader.Outcome.LOADED || minerals.outcome() == DemoLoader.Outcome.ALREADY_LOADED,
                    minerals.toString());
            // the USGS figures, through the gateway: DRC cobalt mine production 2024 (estimated)
            given().baseUri(stack.gatewayUrl()).auth().oauth2(admin)
                    .when().get("/api/v1/minerals/statistics?commodity=cobalt&country=CD&year=2024&measure=MINE_PRODUCTION")
                    .then().statusCode(200).body("total", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        }
    }

    /**
     * One trace id and one request id follow a suspension from the gateway to the agreement's event, into
     * security-cooperation-service's reaction (its programme put on hold) and that programme's event (ADR 16).
     */
    @Test
    @Order(3)
    void oneTraceFollowsASuspensionFromTheGatewayToTheProgrammeItPutOnHold() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(config.services().contains(ServiceSpec.SECURITY_COOPERATION),
                "needs security-cooperation-service");
        String gateway = stack.gatewayUrl();
        String agreement = postAsACarefulClient(drcEditor, "/api/v1/agreements", CREATE).then().statusCode(201)
                .extract().path("id");
        for (String[] step : new String[][] { { "UNDER_NEGOTIATION", "2025-04-01" }, { "SIGNED", "2025-06-27" },
                { "IN_FORCE", "2025-09-01" } }) {
            postAsACarefulClient(drcEditor, "/api/v1/agreements/" + agreement + "/transitions",
                    "{\"to\": \"" + step[0] + "\", \"on\": \"" + step[1] + "\"}").then().statusCode(200);
        }
        String programmeBody = """
                {"agreementId": "%s", "title": "Traced border programme", "providerCountry": "US", "recipientCountry": "CD",
                 "category": "ANTI_SMUGGLING", "classification": "PUBLIC", "startDate": "2025-10-01", "endDate": "2027-09-30",
                 "targetRegions": [{"country": "CD", "region": "South Kivu"}],
                 "sources": [{"title": "Programme document", "reference": "INL-CD-TRACE"}]}
                """.formatted(agreement);
        // security-cooperation-service knows the agreement once it consumed its events
        String[] programme = new String[1];
        assertEventually(() -> {
            io.restassured.response.Response r = given().baseUri(gateway).auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(programmeBody).when().post("/api/v1/security-cooperation/programmes");
            programme[0] = r.statusCode() == 201 ? r.path("id") : null;
            return programme[0] != null;
        }, "security-cooperation-service never accepted a programme under agreement " + agreement);
        given().baseUri(gateway).auth().oauth2(admin).contentType(ContentType.JSON).body("{\"to\": \"ACTIVE\"}")
                .when().post("/api/v1/security-cooperation/programmes/" + programme[0] + "/transitions").then().statusCode(200);

        String traceId = UUID.randomUUID().toString().replace("-", "");
        String requestId = "it-suspend-" + UUID.randomUUID();
        try (KafkaProbe agreements = new KafkaProbe(stack.kafkaBootstrap(), TOPIC);
                KafkaProbe programmes = new KafkaProbe(stack.kafkaBootstrap(), "security-cooperation.programme.v1")) {
            given().baseUri(gateway).auth().oauth2(drcEditor).contentType(ContentType.JSON)
                    .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01").header("X-Request-Id", requestId)
                    .body("{\"to\": \"SUSPENDED\", \"on\": \"2026-01-10\", \"reason\": \"ceasefire violated\"}")
                    .when().post("/api/v1/agreements/" + agreement + "/transitions")
                    .then().statusCode(200).header("X-Request-Id", requestId);

            ConsumerRecord<String, String> suspended = agreements.await(r -> agreement.equals(r.key())
                    && "agreement.status-changed.v1".equals(KafkaProbe.header(r, "ce_type"))
                    && r.value().contains("SUSPENDED\""), 1, Duration.ofSeconds(60)).get(0);
            assertEquals(traceId, traceIdOf(KafkaProbe.header(suspended, "ce_traceparent")), "the agreement event's trace");
            assertEquals(requestId, KafkaProbe.header(suspended, "ce_requestid"));

            ConsumerRecord<String, String> held = programmes.await(r -> programme[0].equals(r.key())
                    && "programme.status-changed.v1".equals(KafkaProbe.header(r, "ce_type"))
                    && r.value().contains("\"automatic\":true"), 1, Duration.ofSeconds(60)).get(0);
            assertEquals(traceId, traceIdOf(KafkaProbe.header(held, "ce_traceparent")), "the programme event's trace");
            assertEquals(requestId, KafkaProbe.header(held, "ce_requestid"));
            assertEquals(KafkaProbe.header(suspended, "ce_id"), JsonPath.from(held.value()).getString("triggeringEventId"));
        }
        given().baseUri(gateway).auth().oauth2(admin).when().get("/api/v1/security-cooperation/programmes/" + programme[0])
                .then().statusCode(200).body("status", equalTo("ON_HOLD"));
    }

    private static String traceIdOf(String traceparent) {
        assertNotNull(traceparent, "no ce_traceparent");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("00-([0-9a-f]{32})-[0-9a-f]{16}-0[01]").matcher(traceparent);
        assertTrue(m.matches(), traceparent);
        return m.group(1);
    }

    @Test
    @Order(4)
    void theGatewaysOpenApiHasEveryPathOfEveryService() throws InterruptedException {
        Map<String, Set<String>> wanted = new java.util.LinkedHashMap<>();
        for (ServiceSpec s : config.services()) {
            if (!s.isGateway()) {
                Set<String> ops = operations(given().baseUri(stack.serviceUrl(s)).when().get("/q/openapi?format=json")
                        .then().statusCode(200).extract().jsonPath());
                assertFalse(ops.isEmpty(), s.name() + " documents no operation");
                wanted.put(s.name(), ops);
            }
        }
        // the gateway caches upstream documents for a while: give it that long to see every service
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        Set<String> missing;
        do {
            Set<String> merged = operations(given().baseUri(stack.gatewayUrl()).auth().oauth2(admin).when().get("/q/openapi?format=json")
                    .then().statusCode(200).extract().jsonPath());
            missing = wanted.values().stream().flatMap(Set::stream).filter(op -> !merged.contains(op))
                    .collect(Collectors.toCollection(TreeSet::new));
            if (missing.isEmpty()) {
                return;
            }
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        fail("the gateway's /q/openapi lacks " + missing + " (services: " + wanted.keySet() + ")");
    }

    @Test
    @Order(5)
    void aTakenPortStopsTheStartNamingThePortAndStartsNothing() throws IOException {
        Set<Long> before = descendants();
        Path otherData = work.resolve("port-taken");
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(0));
            int taken = squatter.getLocalPort();
            StackConfig clash = new StackConfig(config.repoRoot()).dataDir(otherData)
                    .pgPort(LocalKafka.freePort())
                    .kafkaPorts(LocalKafka.freePort(), LocalKafka.freePort())
                .keycloakPort(LocalKafka.freePort());
            for (ServiceSpec s : ServiceSpec.SUITE) {
                clash.port(s, LocalKafka.freePort());
            }
            clash.port(ServiceSpec.GATEWAY, taken);
            LocalStack second = new LocalStack(clash, System.out);

            StackException e = assertThrows(StackException.class, second::start);

            assertEquals(StackException.PORT_TAKEN, e.exitCode());
            assertTrue(e.getMessage().contains("port " + taken + " (for gateway"), e.getMessage());
        }
        assertEquals(before, descendants(), "the failed start left processes behind");
        assertFalse(Files.exists(otherData.resolve("postgres")), "PostgreSQL was set up although a port was taken");
        assertFalse(Files.exists(otherData.resolve("kafka")), "Kafka was set up although a port was taken");

        // a second stack on the running one's data folder, even on free ports, is refused too
        StackConfig sameData = new StackConfig(config.repoRoot()).dataDir(config.dataDir())
                .pgPort(LocalKafka.freePort()).kafkaPorts(LocalKafka.freePort(), LocalKafka.freePort());
        for (ServiceSpec s : ServiceSpec.SUITE) {
            sameData.port(s, LocalKafka.freePort());
        }
        StackException e = assertThrows(StackException.class, new LocalStack(sameData, System.out)::start);
        assertEquals(StackException.PORT_TAKEN, e.exitCode());
        assertTrue(e.getMessage().contains("a local stack is already running on this data folder"), e.getMessage());
        assertEquals(before, descendants(), "the refused start left processes behind");
    }

    @Test
    @Order(6)
    void stopEndsEveryProcessAndTheNextRunKeepsTheData() throws Exception {
        assertNotNull(agreementId, "needs the agreement of the first test");
        assertFalse(descendants().isEmpty());
        // 'deploy/run-local events' finds the running stack's broker through its data folder
        assertEquals(stack.kafkaBootstrap(), EventTail.bootstrap(Map.of("MFS_DATA_DIR", config.dataDir().toString())));
        // the demo agreements and those the earlier tests created
        int before = given().baseUri(stack.gatewayUrl()).auth().oauth2(admin).when().get("/api/v1/agreements?size=1")
                .then().statusCode(200).extract().path("total");
        assertTrue(before > DEMO_AGREEMENTS, "the demo agreements and the earlier tests' own: " + before);
        stack.stop();
        assertFalse(Files.exists(StackInfrastructure.kafkaBootstrapFile(config.dataDir())), "a stopped stack still names its broker");

        assertEventually(() -> descendants().isEmpty(), "processes left after stop: " + describe(descendants()));
        for (Map.Entry<Integer, String> port : config.listeningPorts().entrySet()) {
            assertEventually(() -> Ports.isFree(port.getKey()), "port " + port.getKey() + " (" + port.getValue() + ") still taken after stop");
        }

        stack = new LocalStack(config, System.out).start();
        signIn();

        given().baseUri(stack.gatewayUrl()).auth().oauth2(admin).when().get("/api/v1/agreements/" + agreementId)
                .then().statusCode(200).body("title", equalTo("DRC-US Strategic Partnership"));
        assertEquals(DemoLoader.Outcome.ALREADY_LOADED, demoResult("minerals-usgs-mcs2025").outcome());
        Thread.sleep(3000); // give a wrongly repeated demo load the time to show
        int total = given().baseUri(stack.gatewayUrl()).auth().oauth2(admin).when().get("/api/v1/agreements?size=1")
                .then().statusCode(200).extract().path("total");
        assertEquals(before, total, "the second run loaded the demo data again");
    }

    // ---- helpers ----

    private static DemoLoader.Result demoResult(String id) {
        return stack.demoResults().stream().filter(r -> r.loader().id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no demo loader " + id + " ran: " + stack.demoResults()));
    }

    /** "GET /api/v1/agreements/{id}" for every operation of an OpenAPI document. */
    private static Set<String> operations(JsonPath doc) {
        Set<String> ops = new TreeSet<>();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        if (paths != null) {
            paths.forEach((path, item) -> item.keySet().stream()
                    .filter(k -> Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(k))
                    .forEach(method -> ops.add(method.toUpperCase() + " " + path)));
        }
        return ops;
    }

    private static Set<Long> descendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String describe(Set<Long> pids) {
        return pids.stream().map(pid -> pid + " " + ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("?"))
                .collect(Collectors.joining("; "));
    }

    /**
     * A write through the gateway as ADR 0011 tells clients to make it: with an {@code Idempotency-Key},
     * repeated with the same key while the gateway answers 503 or 504 (or the service says the first attempt with
     * that key is still in progress). A 504 does not mean "not done": a cold service on a loaded machine can take
     * longer than the gateway's 1 s response timeout for its first write and still commit it; the key makes the
     * repeat return that result instead of writing twice (the demo test counts the agreements, so a second
     * agreement would fail it).
     */
    private static io.restassured.response.Response postAsACarefulClient(String token, String path, String body)
            throws InterruptedException {
        String key = "it-" + UUID.randomUUID();
        io.restassured.response.Response r = null;
        for (int attempt = 1; attempt <= 10; attempt++) {
            r = given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                    .header("Idempotency-Key", key).body(body).when().post(path);
            boolean again = r.statusCode() == 503 || r.statusCode() == 504
                    || r.statusCode() == 409 && r.asString().contains("idempotency-key-in-use");
            if (!again) {
                return r;
            }
            Thread.sleep(1000);
        }
        return r;
    }

    private static void assertEventually(java.util.function.BooleanSupplier condition, String message) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(message);
            }
            Thread.sleep(200);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
