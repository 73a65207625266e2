package org.mfs.minerals;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.KafkaProbe;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.minerals.events.CommodityEvents;
import org.mfs.platform.infra.RealInfraTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * A retried create (commodity, site, corridor) with the same Idempotency-Key creates once and gets the first response;
 * the same key with another body is a 422 problem; neither stores anything.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "minerals"))
class IdempotentCreatesTest extends SignedInAsAdmin {


    static final String PROBLEM = "application/problem+json";

    @Inject
    TestDb db;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    ExtractableResponse<Response> post(String path, String key, String body) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post(path).then()
                .extract();
    }

    /** Posts {@code body} twice with one key, then {@code other} with the same key; returns the first response. */
    ExtractableResponse<Response> createTwiceThenReuse(String path, String body, String other) throws Exception {
        String key = UUID.randomUUID().toString();
        ExtractableResponse<Response> first = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post(path).then().statusCode(201).header("Idempotent-Replayed", nullValue())
                .header("ETag", equalTo("\"0\"")).contentType(ContentType.JSON).extract();
        String before = db.fingerprint();

        ExtractableResponse<Response> replay = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post(path).then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", equalTo(first.header("Location"))).header("ETag", equalTo("\"0\""))
                .contentType(ContentType.JSON).extract();
        assertEquals(first.asString(), replay.asString(), "the replay is the first response, byte for byte");

        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(other).post(path).then()
                .statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:mfs:problem:idempotency-key-reused"))
                .body("errors.field", hasItem("Idempotency-Key"))
                .body(not(containsString("Exception")));
        given().contentType(ContentType.JSON).header("Idempotency-Key", "k".repeat(201)).body(other).post(path).then()
                .statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("Idempotency-Key"));
        for (String blank : new String[] { "", "   " }) {
            // a blank key is not "no key": the otherwise valid create is refused, not carried out unprotected
            given().contentType(ContentType.JSON).header("Idempotency-Key", blank).body(other).post(path).then()
                    .statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("Idempotency-Key"));
        }
        assertEquals(before, db.fingerprint(), "a replay, a reused key or a bad key stores nothing");
        return first;
    }

    @Test
    void aRetriedCommodityCreateWithTheSameIdempotencyKeyCreatesOnce() throws Exception {
        String code = "idem-" + suffix();
        String body = """
                {"code": "%s", "name": "Idempotent metal %s", "category": "TECHNOLOGY_METAL", "unit": "t",
                 "unitBasis": "metric tons of contained metal", "hsCodes": ["8112.92"], "listings": ["EU_CRITICAL_2023"]}
                """.formatted(code, code);
        createTwiceThenReuse("/api/v1/minerals/commodities", body, body.replace("\"unit\": \"t\"", "\"unit\": \"kt\""));

        assertEquals(1, db.count("select count(*) from commodity where code = '" + code + "'"));
        assertEquals("t", db.text("select unit from commodity where code = '" + code + "'"));
        assertEquals(1, KafkaProbe.published(bootstrap, CommodityEvents.TOPIC, 1, r -> code.equals(r.key())),
                "commodity.created.v1 is published once");
        // without a key, a retried create is a conflict: the key is what makes the retry safe
        given().contentType(ContentType.JSON).body(body).post("/api/v1/minerals/commodities").then().statusCode(409)
                .contentType(PROBLEM);
    }

    @Test
    void aRetriedSiteCreateWithTheSameIdempotencyKeyCreatesOnce() throws Exception {
        String name = "Idempotent mine " + suffix();
        String body = GeoTest.SITE.replace("Test mine %s", "%s").formatted(name, "BW", "-21.0", "27.5");
        String id = createTwiceThenReuse("/api/v1/minerals/sites", body,
                GeoTest.SITE.replace("Test mine %s", "%s").formatted(name, "BW", "-21.5", "27.5")).path("id");

        assertEquals(1, db.count("select count(*) from site where name = '" + name + "'"));
        given().get("/api/v1/minerals/sites/" + id).then().statusCode(200).body("latitude", Num.num(-21.0));

        // a request that fails stores no key: the same key can then carry the corrected request
        String key = UUID.randomUUID().toString();
        String before = db.fingerprint();
        post("/api/v1/minerals/sites", key, body.replace("\"cobalt\"", "\"kryptonite\"")).response().then()
                .statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("commodities[0]"));
        assertEquals(before, db.fingerprint(), "a failed keyed request stores nothing");
        post("/api/v1/minerals/sites", key, body).response().then().statusCode(201)
                .header("Idempotent-Replayed", nullValue());
        assertEquals(2, db.count("select count(*) from site where name = '" + name + "'"),
                "a new key is a new request, even with the same body");
    }

    @Test
    void aRetriedCorridorCreateWithTheSameIdempotencyKeyCreatesOnce() throws Exception {
        String name = "Idempotent corridor " + suffix();
        String body = """
                {"name": "%s", "countries": ["ZA", "MZ"], "commodities": ["copper"], "mode": "RAIL", "status": "OPERATIONAL",
                 "nodes": [{"name": "Johannesburg", "kind": "TOWN", "country": "ZA", "latitude": -26.2, "longitude": 28.05},
                           {"name": "Port of Maputo", "kind": "PORT", "country": "MZ", "latitude": -25.97, "longitude": 32.57}]}
                """.formatted(name);
        String id = createTwiceThenReuse("/api/v1/minerals/corridors", body, body.replace("OPERATIONAL", "UPGRADING"))
                .path("id");

        assertEquals(1, db.count("select count(*) from corridor where name = '" + name + "'"));
        assertEquals(2, db.count("select count(*) from corridor_node n join corridor c on c.id = n.corridor_id "
                + "where c.name = '" + name + "'"));
        given().get("/api/v1/minerals/corridors/" + id).then().statusCode(200).body("status", equalTo("OPERATIONAL"));
    }
}
