package org.mfs.agreements;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.TestTokens;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.platform.infra.EventSchemas;
import org.mfs.platform.infra.KafkaProbe;
import org.mfs.platform.infra.RealInfraTestResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Details, covered minerals, updates with If-Match, lifecycle transitions, history, search, idempotent creates. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "agreements"))
class AgreementLifecycleTest extends SignedInAsAdmin {


    static final String PROBLEM = "application/problem+json";

    @Inject
    TestDb db;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @BeforeEach
    void commodities() throws Exception {
        Commodities.seed(bootstrap, db);
    }

    static String full(String ref, String title) {
        return """
                {"title": "%s", "type": "MINERALS_FOR_SECURITY", "referenceCode": "%s",
                 "parties": [{"country": "CD", "role": "RESOURCE_HOLDER"}, {"country": "US", "role": "INVESTOR_PARTNER"}],
                 "summary": "Cobalt and coltan for security cooperation along the Lobito corridor",
                 "coveredMinerals": ["cobalt", "coltan"],
                 "components": [{"type": "SECURITY_COOPERATION", "description": "Support to peace in the east",
                                 "implementationMethod": "Joint security committee"}],
                 "preconditions": [{"description": "Peace restored", "status": "UNMET"}],
                 "sourceDocuments": [{"title": "Joint statement", "url": "https://example.org/js.pdf"}],
                 "visibility": "PARTIES_ONLY"}
                """.formatted(title, ref);
    }

    static String ref() {
        return "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    String create(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/agreements").then().statusCode(201)
                .extract().path("id");
    }

    @Test
    void createsWithAllDetailsAndRejectsUnknownMineralsAndDuplicateReferences() {
        String ref = ref();
        String id = create(full(ref, "Full details"));
        given().get("/api/v1/agreements/" + id).then().statusCode(200)
                .body("referenceCode", equalTo(ref))
                .body("coveredMinerals", equalTo(List.of("cobalt", "coltan")))
                .body("components[0].type", equalTo("SECURITY_COOPERATION"))
                .body("components[0].implementationMethod", equalTo("Joint security committee"))
                .body("preconditions[0].status", equalTo("UNMET"))
                .body("sourceDocuments[0].url", equalTo("https://example.org/js.pdf"))
                .body("visibility", equalTo("PARTIES_ONLY"))
                .body("dates.signedOn", nullValue());

        String before = db.fingerprint();
        given().contentType(ContentType.JSON).body(full(ref(), "Unknown").replace("\"coltan\"", "\"unobtainium\""))
                .post("/api/v1/agreements").then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:mfs:problem:unknown-commodity"))
                .body("errors.field", hasItem("coveredMinerals[1]"));
        given().contentType(ContentType.JSON).body(full(ref, "Same reference")).post("/api/v1/agreements").then()
                .statusCode(409).contentType(PROBLEM).body("type", equalTo("urn:mfs:problem:duplicate-reference-code"));
        given().contentType(ContentType.JSON).body(full("lower-case", "Bad reference")).post("/api/v1/agreements").then()
                .statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("referenceCode"));
        given().contentType(ContentType.JSON)
                .body(full(ref(), "Bad url").replace("https://example.org/js.pdf", "javascript:alert(1)"))
                .post("/api/v1/agreements").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("sourceDocuments[0].url"));
        assertEquals(before, db.fingerprint(), "rejected creates store nothing");
    }

    @Test
    void updatesNeedTheCurrentETagAndPublishTheChangedFields() throws Exception {
        String id = create(full(ref(), "Before update"));
        String before = db.fingerprint();
        given().contentType(ContentType.JSON).body("{\"title\": \"No precondition\"}").patch("/api/v1/agreements/" + id)
                .then().statusCode(428).contentType(PROBLEM);
        given().contentType(ContentType.JSON).header("If-Match", "\"7\"").body("{\"title\": \"Stale\"}")
                .patch("/api/v1/agreements/" + id).then().statusCode(412).contentType(PROBLEM);
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(full(ref(), "x").replace("\"cobalt\"", "\"nope\""))
                .put("/api/v1/agreements/" + id).then().statusCode(422).contentType(PROBLEM);
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body("{\"status\": \"IN_FORCE\"}")
                .patch("/api/v1/agreements/" + id).then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:mfs:problem:unknown-field"));
        assertEquals(before, db.fingerprint(), "rejected updates change nothing");

        try (KafkaProbe probe = new KafkaProbe(bootstrap, "agreements.agreement.v1")) {
            given().contentType(ContentType.JSON).header("If-Match", "\"0\"").auth().oauth2(TestTokens.user("alice").roles("admin").sign())
                    .header("X-Actor", "mallory")
                    .body("{\"title\": \"After update\", \"coveredMinerals\": [\"gold\"]}")
                    .patch("/api/v1/agreements/" + id).then().statusCode(200)
                    .header("ETag", equalTo("\"1\""))
                    .body("title", equalTo("After update"))
                    .body("coveredMinerals", equalTo(List.of("gold")))
                    .body("components", hasSize(1));
            given().get("/api/v1/agreements/" + id).then().statusCode(200).header("ETag", equalTo("\"1\""))
                    .body("version", equalTo(1)).body("title", equalTo("After update"));
            given().contentType(ContentType.JSON).header("If-Match", "\"1\"")
                    .body(full("PUT-" + id.substring(0, 8).toUpperCase(), "Replaced"))
                    .put("/api/v1/agreements/" + id).then().statusCode(200).header("ETag", equalTo("\"2\""))
                    .body("title", equalTo("Replaced"));
            given().get("/api/v1/agreements/" + id).then().statusCode(200).header("ETag", equalTo("\"2\""))
                    .body("version", equalTo(2)).body("title", equalTo("Replaced"));
            given().queryParam("q", "Replaced").get("/api/v1/agreements").then().statusCode(200)
                    .body("items.id", org.hamcrest.Matchers.hasItem(id));
            List<ConsumerRecord<String, String>> events = probe.await(
                    r -> id.equals(r.key()) && "agreement.updated.v1".equals(KafkaProbe.header(r, "ce_type")), 2,
                    Duration.ofSeconds(30));
            events.forEach(EventSchemas::assertValid);
            JsonNode first = json.readTree(events.get(0).value());
            assertTrue(first.get("changedFields").toString().contains("title"));
            assertTrue(first.get("changedFields").toString().contains("coveredMinerals"));
            assertEquals(TestTokens.actorOf("alice"), first.get("actor").asText(), "the token's subject, X-Actor ignored");
        }
    }

    @Test
    void lifecycleStepsAreValidatedDatedAndPublished() throws Exception {
        String id = create(full(ref(), "Lifecycle"));
        String before = db.fingerprint();
        given().contentType(ContentType.JSON).body("{\"to\": \"IN_FORCE\", \"on\": \"2025-07-01\"}")
                .post("/api/v1/agreements/" + id + "/transitions").then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("urn:mfs:problem:illegal-transition"))
                .body("detail", containsString("UNDER_NEGOTIATION"));
        given().contentType(ContentType.JSON).body("{\"to\": \"SIGNED\"}")
                .post("/api/v1/agreements/" + id + "/transitions").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("on"));
        assertEquals(before, db.fingerprint());

        try (KafkaProbe probe = new KafkaProbe(bootstrap, "agreements.agreement.v1")) {
            step(id, "UNDER_NEGOTIATION", "2025-04-01", null).body("status", equalTo("UNDER_NEGOTIATION"));
            step(id, "SIGNED", "2025-06-27", null).body("dates.signedOn", equalTo("2025-06-27"));
            String mid = db.fingerprint();
            given().contentType(ContentType.JSON).body("{\"to\": \"RATIFIED\", \"on\": \"2025-01-01\"}")
                    .post("/api/v1/agreements/" + id + "/transitions").then().statusCode(422).contentType(PROBLEM);
            assertEquals(mid, db.fingerprint(), "a date before the previous step is rejected");
            step(id, "RATIFIED", "2025-08-01", null);
            step(id, "IN_FORCE", "2025-09-01", null).body("dates.inForceOn", equalTo("2025-09-01"));
            step(id, "SUSPENDED", "2025-10-01", "Hostilities resumed").body("dates.suspendedOn", equalTo("2025-10-01"));
            step(id, "IN_FORCE", "2025-11-01", null).body("dates.suspendedOn", nullValue())
                    .body("dates.inForceOn", equalTo("2025-09-01"));
            given().contentType(ContentType.JSON).body("{\"to\": \"TERMINATED\", \"on\": \"2026-01-01\"}")
                    .post("/api/v1/agreements/" + id + "/transitions").then().statusCode(400)
                    .body("errors.field", hasItem("reason"));
            step(id, "TERMINATED", "2026-01-15", "Replaced by a new treaty").body("terminationReason",
                    equalTo("Replaced by a new treaty"));
            given().contentType(ContentType.JSON).body("{\"to\": \"IN_FORCE\", \"on\": \"2026-02-01\"}")
                    .post("/api/v1/agreements/" + id + "/transitions").then().statusCode(409)
                    .body("detail", containsString("final"));

            List<ConsumerRecord<String, String>> events = probe.await(
                    r -> id.equals(r.key()) && "agreement.status-changed.v1".equals(KafkaProbe.header(r, "ce_type")), 7,
                    Duration.ofSeconds(30));
            events.forEach(EventSchemas::assertValid);
            JsonNode signed = json.readTree(events.get(1).value());
            assertEquals("UNDER_NEGOTIATION", signed.get("from").asText());
            assertEquals("SIGNED", signed.get("to").asText());
            assertEquals("2025-06-27", signed.get("on").asText());
        }

        // history: one revision per change, and the agreement as it stood at a past instant
        given().get("/api/v1/agreements/" + id + "/history").then().statusCode(200)
                .body("revisions", hasSize(8))
                .body("revisions[0].operation", equalTo("created"))
                .body("revisions[2].operation", equalTo("status UNDER_NEGOTIATION -> SIGNED"))
                .body("revisions[2].changes.field", hasItems("status", "dates"));
        String signedAt = db.text("select to_char(changed_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') "
                + "from agreement_revision where agreement_id = '" + id + "' and revision = 3");
        given().queryParam("asOf", signedAt).get("/api/v1/agreements/" + id).then().statusCode(200)
                .body("status", equalTo("SIGNED")).body("dates.ratifiedOn", nullValue());
        given().queryParam("asOf", "2000-01-01").get("/api/v1/agreements/" + id).then().statusCode(404).contentType(PROBLEM);
        given().queryParam("asOf", "yesterday").get("/api/v1/agreements/" + id).then().statusCode(400).contentType(PROBLEM);
    }

    io.restassured.response.ValidatableResponse step(String id, String to, String on, String reason) {
        String body = "{\"to\": \"" + to + "\", \"on\": \"" + on + "\"" + (reason == null ? "" : ", \"reason\": \"" + reason + "\"") + "}";
        return given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/agreements/" + id + "/transitions").then().statusCode(200).body("status", equalTo(to));
    }

    @Test
    void historyRecordsWhoChangedWhat() {
        String id = create(full(ref(), "Audited"));
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").header("X-Actor", "mallory")
                .auth().oauth2(TestTokens.user("bob").roles("admin").sign())
                .body("{\"summary\": \"New summary\"}").patch("/api/v1/agreements/" + id).then().statusCode(200);
        given().get("/api/v1/agreements/" + id + "/history").then().statusCode(200)
                .body("revisions", hasSize(2))
                .body("revisions[0].actor", equalTo(TestTokens.actorOf("test-admin")))
                .body("revisions[1].actor", equalTo(TestTokens.actorOf("bob")))
                .body("revisions[1].changes", hasSize(1))
                .body("revisions[1].changes[0].field", equalTo("summary"))
                .body("revisions[1].changes[0].to", equalTo("New summary"));
    }

    @Test
    void searchFiltersSortsPagesAndExportsCsv() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String a = create(full(ref(), "Zinc accord " + tag).replace("Lobito corridor", "hydropower at Inga " + tag));
        String b = create(full(ref(), "Alpha accord " + tag).replace("\"US\"", "\"AO\"").replace("\"coltan\"", "\"lithium\""));
        step(b, "UNDER_NEGOTIATION", "2025-01-10", null);
        step(b, "SIGNED", "2025-03-01", null);

        given().queryParam("q", "hydropower " + tag).get("/api/v1/agreements").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(a));
        given().queryParam("q", "accord " + tag).queryParam("sort", "title").get("/api/v1/agreements").then()
                .statusCode(200).body("total", equalTo(2)).body("items.id", equalTo(List.of(b, a)));
        given().queryParam("q", "accord " + tag).queryParam("party", "AO").get("/api/v1/agreements").then()
                .body("items.id", equalTo(List.of(b)));
        given().queryParam("q", "accord " + tag).queryParam("mineral", "lithium").get("/api/v1/agreements").then()
                .body("items.id", equalTo(List.of(b)));
        given().queryParam("q", "accord " + tag).queryParam("status", "SIGNED").queryParam("status", "DRAFT")
                .queryParam("type", "MINERALS_FOR_SECURITY").get("/api/v1/agreements").then().body("total", equalTo(2));
        given().queryParam("q", "accord " + tag).queryParam("signedFrom", "2025-02-01").queryParam("signedTo", "2025-03-31")
                .get("/api/v1/agreements").then().body("items.id", equalTo(List.of(b)));
        given().queryParam("q", "accord " + tag).queryParam("size", 1).queryParam("page", 1).queryParam("sort", "-title")
                .get("/api/v1/agreements").then().body("items.id", equalTo(List.of(b))).body("total", equalTo(2));

        String csv = given().queryParam("q", "accord " + tag).queryParam("sort", "title").get("/api/v1/agreements/export")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(3, lines.length, csv);
        assertTrue(lines[0].startsWith("id,referenceCode,title"));
        assertTrue(lines[1].startsWith(b) && lines[1].contains("Alpha accord") && lines[1].contains("2025-03-01"), lines[1]);

        for (String[] bad : new String[][] { { "status", "ALIVE" }, { "sort", "colour" }, { "party", "ZZ" },
                { "signedFrom", "last year" }, { "size", "101" }, { "type", "TREATY" } }) {
            given().queryParam(bad[0], bad[1]).get("/api/v1/agreements").then().statusCode(400).contentType(PROBLEM)
                    .body("errors.field", hasItem(bad[0]));
        }
        given().queryParam("sort", "colour").get("/api/v1/agreements/export").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyCreatesOnce() {
        String key = UUID.randomUUID().toString();
        String body = full(ref(), "Idempotent");
        var first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/agreements").then().statusCode(201).extract();
        String before = db.fingerprint();
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/v1/agreements")
                .then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", equalTo(first.header("Location")))
                .body("id", equalTo(first.path("id")));
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(full(ref(), "Different"))
                .post("/api/v1/agreements").then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:mfs:problem:idempotency-key-reused"))
                .body(not(containsString("Exception")));
        assertEquals(before, db.fingerprint(), "a replay or a reused key creates nothing");
        assertEquals(1, db.count("select count(*) from agreement where title = 'Idempotent' and id = '"
                + first.path("id") + "'"));
    }

    @Test
    void anIdempotencyKeyBelongsToItsCaller() {
        String key = "order-" + UUID.randomUUID();
        String body = EventTraceTest.body("Keyed by two callers");
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/agreements").then().statusCode(201).extract().path("id");
        // another caller, the same key and request: its own create, not the first caller's response
        String other = TestTokens.user("other-editor").roles("admin").sign();
        String second = given().auth().oauth2(other).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post("/api/v1/agreements").then().statusCode(201)
                .header("Idempotent-Replayed", nullValue()).extract().path("id");
        assertNotEquals(first, second);
        given().auth().oauth2(other).get("/api/v1/agreements/" + second + "/history").then().statusCode(200)
                .body("revisions[0].actor", equalTo(TestTokens.actorOf("other-editor")));
        // and each caller's retry replays its own
        given().auth().oauth2(other).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/agreements").then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(second));
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/agreements").then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(first));
    }
}
