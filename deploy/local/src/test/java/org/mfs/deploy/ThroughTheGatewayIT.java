package org.mfs.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.mfs.deploy.SuiteStack.CREATE;
import static org.mfs.deploy.SuiteStack.DEMO_AGREEMENTS;
import static org.mfs.deploy.SuiteStack.TOPIC;
import static org.mfs.deploy.SuiteStack.admin;
import static org.mfs.deploy.SuiteStack.assertEventually;
import static org.mfs.deploy.SuiteStack.config;
import static org.mfs.deploy.SuiteStack.demoResult;
import static org.mfs.deploy.SuiteStack.drcEditor;
import static org.mfs.deploy.SuiteStack.frViewer;
import static org.mfs.deploy.SuiteStack.postAsACarefulClient;
import static org.mfs.deploy.SuiteStack.stack;
import static org.mfs.deploy.SuiteStack.subject;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfs.platform.infra.KafkaProbe;

/**
 * What a user of the running suite does through the gateway: an agreement created, stored, published and read back
 * with a real Keycloak's tokens; the demo data and who may see and change it; one OpenAPI document for every
 * service's operations.
 */
@ExtendWith(SuiteStack.class)
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThroughTheGatewayIT {

    @Test
    @Order(1)
    void anAgreementCreatedThroughTheGatewayIsStoredPublishedAndReadBack() throws Exception {
        String gateway = stack.gatewayUrl();
        // no token, no entry: 401 problem with a Bearer challenge, from the gateway
        given().baseUri(gateway).contentType(ContentType.JSON).body(CREATE).when().post("/api/v1/agreements")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"));
        String agreementId = postAsACarefulClient(drcEditor, "/api/v1/agreements", CREATE)
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

    @Test
    @Order(3)
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

    // ---- helpers ----

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
}
