package org.mfs.agreements;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.platform.infra.EventSchemas;
import org.mfs.platform.infra.KafkaProbe;
import org.mfs.platform.infra.RealInfraTestResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;

@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "agreements"))
class AgreementApiTest extends SignedInAsAdmin {


    static final String DRC_US = """
            {"title": "DRC-US Strategic Partnership", "type": "STRATEGIC_PARTNERSHIP",
             "parties": [{"country": "CD", "role": "RESOURCE_HOLDER"}, {"country": "US", "role": "INVESTOR_PARTNER"}]}
            """;

    @Inject
    TestDb db;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Vertx vertx;

    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = { "amd64", "aarch64" })
    void servesHttpOverNettysEpollTransport() {
        // platform/common's choice (ADR 0021): on NIO a GET by id took about 10 % more CPU
        assertTrue(vertx.isNativeTransportEnabled(), "Vert.x runs on NIO: Netty's epoll transport did not load");
    }

    @Test
    void createStoresTheAgreementAndPublishesItsCreatedEvent() throws Exception {
        try (KafkaProbe probe = new KafkaProbe(bootstrap, "agreements.agreement.v1")) {
            io.restassured.response.Response created = given().contentType(ContentType.JSON).body(DRC_US)
                    .when().post("/api/v1/agreements")
                    .then().statusCode(201)
                    .header("ETag", notNullValue())
                    .body("status", equalTo("DRAFT"))
                    .body("parties", hasSize(2))
                    .body("parties[0].country", equalTo("CD"))
                    .extract().response();
            String id = created.path("id");
            org.junit.jupiter.api.Assertions.assertTrue(created.header("Location").endsWith("/api/v1/agreements/" + id));

            assertEquals(1, db.count("select count(*) from agreement where id = '" + id + "' and status = 'DRAFT'"));
            assertEquals(2, db.count("select count(*) from agreement_party where agreement_id = '" + id + "'"));

            List<ConsumerRecord<String, String>> events = probe.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(30));
            ConsumerRecord<String, String> e = events.get(0);
            assertEquals("1.0", KafkaProbe.header(e, "ce_specversion"));
            assertEquals("agreement.created.v1", KafkaProbe.header(e, "ce_type"));
            assertEquals("/agreements-service", KafkaProbe.header(e, "ce_source"));
            assertEquals(id, KafkaProbe.header(e, "ce_subject"));
            assertEquals("1", KafkaProbe.header(e, "ce_sequence"));
            assertEquals("application/json", KafkaProbe.header(e, "content-type"));
            assertNotNull(java.time.Instant.parse(KafkaProbe.header(e, "ce_time")));
            // acknowledged by Kafka, the row leaves the outbox
            db.awaitCount("select count(*) from outbox_event where id = '" + KafkaProbe.header(e, "ce_id") + "'", 0);
            JsonNode payload = json.readTree(e.value());
            EventSchemas.assertValid("agreement.created.v1", payload);
            assertEquals(id, payload.get("agreementId").asText());
            assertEquals("DRC-US Strategic Partnership", payload.get("title").asText());
            assertEquals("US", payload.get("parties").get(1).get("country").asText());
            assertEquals("INVESTOR_PARTNER", payload.get("parties").get(1).get("role").asText());
        }
    }

    @Test
    void getReturnsWhatWasCreatedWithItsVersionAsETag() {
        String id = given().contentType(ContentType.JSON).body(DRC_US).post("/api/v1/agreements")
                .then().statusCode(201).extract().path("id");
        given().get("/api/v1/agreements/" + id)
                .then().statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("id", equalTo(id))
                .body("title", equalTo("DRC-US Strategic Partnership"))
                .body("type", equalTo("STRATEGIC_PARTNERSHIP"));
    }

    @Test
    void aReadNamingTheCurrentETagIsNotModifiedUntilTheAgreementChanges() {
        String id = given().contentType(ContentType.JSON).body(DRC_US).post("/api/v1/agreements")
                .then().statusCode(201).extract().path("id");
        String path = "/api/v1/agreements/" + id;
        for (String held : List.of("\"0\"", "W/\"0\"", "\"7\", \"0\"", "*")) {
            String body = given().header("If-None-Match", held).get(path).then().statusCode(304)
                    .header("ETag", equalTo("\"0\"")).extract().asString();
            assertEquals("", body, "a 304 has no body (If-None-Match: " + held + ")");
        }
        // another version, or a header that is no list of entity tags: the whole answer
        given().header("If-None-Match", "\"1\"").get(path).then().statusCode(200).body("id", equalTo(id));
        given().header("If-None-Match", "0").get(path).then().statusCode(200);
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body("{\"title\": \"Renamed\"}").patch(path)
                .then().statusCode(200).header("ETag", equalTo("\"1\""));
        given().header("If-None-Match", "\"0\"").get(path).then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).body("title", equalTo("Renamed"));
    }

    @Test
    void textBeyondAsciiComesBackExactlyFromGetAndSearch() throws Exception {
        // both answers are the stored UTF-8 bytes, never decoded (ADR 18, update "stored views answered as bytes")
        String tag = "Kolwezi" + System.nanoTime();
        String title = "Accord RDC–É.-U. « " + tag + " » — cobalt ✓ 🇨🇩";
        String id = given().contentType(ContentType.JSON)
                .body(((ObjectNode) json.readTree(DRC_US))
                        .put("title", title).put("summary", "Côte d’Ivoire, São Tomé, Malawi: 鈷").toString())
                .post("/api/v1/agreements").then().statusCode(201).extract().path("id");

        var get = given().get("/api/v1/agreements/" + id).then().statusCode(200).contentType("application/json").extract();
        JsonNode got = json.readTree(new String(get.asByteArray(), StandardCharsets.UTF_8));
        assertEquals(title, got.path("title").asText());
        assertEquals("Côte d’Ivoire, São Tomé, Malawi: 鈷", got.path("summary").asText());

        var found = given().queryParam("q", tag).get("/api/v1/agreements").then().statusCode(200)
                .contentType("application/json").extract();
        JsonNode page = json.readTree(new String(found.asByteArray(), StandardCharsets.UTF_8));
        assertEquals(1, page.path("total").asInt(), page.toString());
        assertEquals(got, page.path("items").get(0), "the search's item is the GET's body");
    }

    @Test
    void listPagesThroughAllAgreementsNewestFirst() {
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body(DRC_US.replace("DRC-US", "Paged " + i)).post("/api/v1/agreements")
                    .then().statusCode(201);
        }
        long total = db.count("select count(*) from agreement");
        given().queryParam("size", 2).get("/api/v1/agreements")
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].title", equalTo("Paged 2 Strategic Partnership"))
                .body("size", equalTo(2))
                .body("total", equalTo((int) total));
        Map<String, Object> last = given().queryParam("size", 2).queryParam("page", (total - 1) / 2)
                .get("/api/v1/agreements").then().statusCode(200)
                .body("items.size()", greaterThanOrEqualTo(1)).extract().as(Map.class);
        assertEquals((int) total, last.get("total"));
    }
}
