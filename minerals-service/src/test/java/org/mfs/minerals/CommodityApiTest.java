package org.mfs.minerals;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.platform.infra.KafkaProbe;
import org.mfs.platform.infra.EventSchemas;
import org.mfs.platform.infra.RealInfraTestResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "minerals"))
class CommodityApiTest extends SignedInAsAdmin {


    static final List<String> SEEDED = List.of("cobalt", "coltan", "copper", "gold", "lithium", "natural-graphite",
            "rare-earths", "tantalum");

    static final String NIOBIUM = """
            {"code": "niobium", "name": "Niobium", "symbol": "Nb", "category": "TECHNOLOGY_METAL", "unit": "t",
             "unitBasis": "metric tons of contained niobium", "hsCodes": ["2615.90", "8112.92"],
             "listings": ["US_CRITICAL_2022", "US_CRITICAL_2025", "EU_CRITICAL_2023"], "aliases": ["Niobium (columbium)"]}
            """;

    @Inject
    ObjectMapper json;

    @Inject
    TestDb db;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void theSeededCatalogueIsServed() {
        given().get("/api/v1/minerals/commodities/cobalt").then().statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("name", equalTo("Cobalt")).body("symbol", equalTo("Co"))
                .body("hsCodes", equalTo(List.of("2605", "8105", "2822")))
                .body("listings", hasItems("US_CRITICAL_2025", "EU_CRITICAL_2023", "EU_STRATEGIC_2023"))
                .body("unit", equalTo("t"));
        given().get("/api/v1/minerals/commodities/coltan").then().statusCode(200)
                .body("oreOf", equalTo("tantalum")).body("hsCodes", equalTo(List.of("2615.90")))
                .body("listings", equalTo(List.of("CONFLICT_MINERAL_3TG")));
        given().get("/api/v1/minerals/commodities/gold").then().body("listings", equalTo(List.of("CONFLICT_MINERAL_3TG")));
        given().get("/api/v1/minerals/commodities/copper").then().body("unit", equalTo("kt"))
                .body("listings", not(hasItem("US_CRITICAL_2022")));
        given().queryParam("listing", "EU_STRATEGIC_2023").queryParam("size", 100).get("/api/v1/minerals/commodities")
                .then().statusCode(200)
                .body("items.code", hasItems("cobalt", "copper", "lithium", "natural-graphite", "rare-earths"))
                .body("items.code", not(hasItem("tantalum")));
        given().queryParam("hsCode", "2615").get("/api/v1/minerals/commodities").then()
                .body("items.code", hasItems("coltan", "tantalum"));
        given().queryParam("q", "graphite").get("/api/v1/minerals/commodities").then()
                .body("items.code", equalTo(List.of("natural-graphite")));
        given().queryParam("sort", "-name").queryParam("size", 2).get("/api/v1/minerals/commodities").then()
                .body("items", hasSize(2)).body("size", equalTo(2));
    }

    @Test
    void theSeededCatalogueIsOnTheTopicSoAReadModelNeedsNothingElse() throws Exception {
        try (KafkaProbe probe = new KafkaProbe(bootstrap, "minerals.commodity.v1")) {
            List<ConsumerRecord<String, String>> created = probe.await(
                    r -> "commodity.created.v1".equals(KafkaProbe.header(r, "ce_type")) && SEEDED.contains(r.key()),
                    SEEDED.size(), Duration.ofSeconds(30));
            Map<String, JsonNode> model = new HashMap<>();
            for (ConsumerRecord<String, String> r : created) {
                JsonNode p = json.readTree(r.value());
                EventSchemas.assertValid("commodity.created.v1", p);
                assertEquals(r.key(), p.get("code").asText());
                assertEquals(r.key(), KafkaProbe.header(r, "ce_subject"));
                assertEquals("1", KafkaProbe.header(r, "ce_sequence"));
                assertEquals("/minerals-service", KafkaProbe.header(r, "ce_source"));
                model.put(r.key(), p);
            }
            assertEquals(SEEDED.size(), model.size());
            assertEquals("tantalum", model.get("coltan").get("oreOf").asText());
            assertEquals("2605", model.get("cobalt").get("hsCodes").get(0).asText());
            assertTrue(model.get("cobalt").get("symbol").isTextual());
            assertTrue(model.get("rare-earths").get("symbol").isNull());
        }
    }

    @Test
    void createAndUpdatePublishTheFullCommodity() throws Exception {
        try (KafkaProbe probe = new KafkaProbe(bootstrap, "minerals.commodity.v1")) {
            given().contentType(ContentType.JSON).body(NIOBIUM).post("/api/v1/minerals/commodities").then()
                    .statusCode(201).header("ETag", equalTo("\"0\""))
                    .header("Location", containsString("/api/v1/minerals/commodities/niobium"))
                    .body("code", equalTo("niobium")).body("aliases", equalTo(List.of("Niobium (columbium)")));
            String update = NIOBIUM.replace("\"code\": \"niobium\", ", "").replace("Niobium\", \"symbol\"", "Niobium (columbium)\", \"symbol\"");
            given().contentType(ContentType.JSON).body(update).put("/api/v1/minerals/commodities/niobium").then()
                    .statusCode(428).contentType("application/problem+json");
            given().contentType(ContentType.JSON).header("If-Match", "\"7\"").body(update)
                    .put("/api/v1/minerals/commodities/niobium").then().statusCode(412)
                    .body("type", equalTo("urn:mfs:problem:precondition-failed"));
            given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(update)
                    .put("/api/v1/minerals/commodities/niobium").then().statusCode(200)
                    .header("ETag", equalTo("\"1\"")).body("name", equalTo("Niobium (columbium)"))
                    .body("version", equalTo(1));
            // the same fields again: nothing changes, no version, no event
            given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(update)
                    .put("/api/v1/minerals/commodities/niobium").then().statusCode(200).header("ETag", equalTo("\"1\""));

            List<ConsumerRecord<String, String>> events = probe.await(r -> "niobium".equals(r.key()), 2, Duration.ofSeconds(30));
            assertEquals("commodity.created.v1", KafkaProbe.header(events.get(0), "ce_type"));
            assertEquals("commodity.updated.v1", KafkaProbe.header(events.get(1), "ce_type"));
            assertEquals("2", KafkaProbe.header(events.get(1), "ce_sequence"));
            JsonNode updated = json.readTree(events.get(1).value());
            EventSchemas.assertValid("commodity.updated.v1", updated);
            assertEquals("Niobium (columbium)", updated.get("name").asText());
            assertEquals(1, updated.get("version").asInt());
            assertEquals(2, probe.drain(Duration.ofSeconds(2)).stream().filter(r -> "niobium".equals(r.key())).count());
            // two events appended for it (the outbox rows themselves leave once published, ADR 20)
            assertEquals(2, db.count("select last_sequence from outbox_sequence where aggregate_type = 'commodity'"
                    + " and aggregate_id = 'niobium'"));
        }
    }
}
