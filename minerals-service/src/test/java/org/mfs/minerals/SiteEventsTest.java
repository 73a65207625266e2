package org.mfs.minerals;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.EventSchemas;
import org.mfs.platform.infra.KafkaProbe;
import org.mfs.platform.infra.RealInfraTestResource;
import org.mfs.platform.infra.SignedInAsAdmin;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Sites are published on minerals.site.v1 (full state, through the outbox) for other services' read models. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "minerals"))
class SiteEventsTest extends SignedInAsAdmin {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void createdAndUpdatedSitesArePublishedWithTheirFullStateInOrder() {
        String id = given().contentType(ContentType.JSON).body(GeoTest.SITE.formatted("Kamituga", "CD", "-3.06", "28.18"))
                .post("/api/v1/minerals/sites").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(GeoTest.SITE.formatted("Kamituga gold", "CD", "-3.061", "28.181").replace("DEVELOPMENT", "OPERATING"))
                .put("/api/v1/minerals/sites/" + id).then().statusCode(200);
        try (KafkaProbe probe = new KafkaProbe(bootstrap, "minerals.site.v1")) {
            List<ConsumerRecord<String, String>> events = probe.await(r -> id.equals(r.key()), 2, Duration.ofSeconds(30));
            assertEquals("site.created.v1", KafkaProbe.header(events.get(0), "ce_type"));
            assertEquals("1", KafkaProbe.header(events.get(0), "ce_sequence"));
            assertEquals("site.updated.v1", KafkaProbe.header(events.get(1), "ce_type"));
            assertEquals("2", KafkaProbe.header(events.get(1), "ce_sequence"));
            events.forEach(EventSchemas::assertValid);
            JsonPath updated = new JsonPath(events.get(1).value());
            assertEquals(id, updated.getString("siteId"));
            assertEquals("Test mine Kamituga gold", updated.getString("name"));
            assertEquals("OPERATING", updated.getString("status"));
            assertEquals(-3.061, updated.getDouble("latitude"), 1e-9);
            assertEquals(1, updated.getInt("version"));
        }
    }
}
