package org.mfs.security;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mfs.security.Api.BASE;
import static org.mfs.security.Api.PROGRAMMES;
import static org.mfs.security.Api.editor;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.KafkaProbe;
import org.mfs.platform.infra.RealInfraTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Site ids are validated against the read model built from real minerals.site.v1 events. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "security_cooperation"))
class SiteReadModelTest {

    static final String TOPIC = "minerals.site.v1";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    TestDb db;

    static String site(String id, String name, double lat, double lon, int version) {
        return """
                {"siteId": "%s", "name": "%s", "kind": "MINE", "country": "CD", "region": "South Kivu", "latitude": %s,
                 "longitude": %s, "commodities": ["gold"], "operator": null, "status": "OPERATING", "source": "test",
                 "demo": false, "version": %d, "updatedAt": "2026-01-01T00:00:00Z"}
                """.formatted(id, name, lat, lon, version);
    }

    @Test
    void sitesArriveFromTheirTopicAndOnlyKnownSitesCanBeReferenced() {
        String id = UUID.randomUUID().toString();
        try (Broker broker = new Broker(bootstrap); KafkaProbe dlq = new KafkaProbe(bootstrap, "security-cooperation.site-dlq.v1")) {
            broker.ensureTopic(TOPIC);
            editor().body(IncidentTest.incident("2026-01-05", "CD", "South Kivu", "ATTACK_ON_MINE_SITE", "\"siteId\": \"" + id + "\""))
                    .post(BASE + "/incidents").then().statusCode(422);
            broker.send(TOPIC, id, "site.created.v1", 1, site(id, "Twangiza", -2.88, 28.73, 0));
            broker.send(TOPIC, id, "site.updated.v1", 3, site(id, "Twangiza gold mine", -2.881, 28.731, 2));
            broker.send(TOPIC, id, "site.updated.v1", 2, site(id, "Twangiza (stale)", -2.0, 28.0, 1));
            Broker.await("site in the read model", Duration.ofSeconds(30),
                    () -> "Twangiza gold mine".equals(db.text("select name from site_ref where id = '" + id + "'")));
            String bad = broker.send(TOPIC, id, "site.updated.v1", 4, "{\"siteId\": \"" + id + "\", \"name\": \"x\", \"country\": \"Congo\"}");
            dlq.await(r -> bad.equals(KafkaProbe.header(r, "ce_id")), 1, Duration.ofSeconds(30));
            assertEquals("Twangiza gold mine", db.text("select name from site_ref where id = '" + id + "'"), "the stale event changed nothing");
            editor().body(IncidentTest.incident("2026-01-05", "CD", "South Kivu", "ATTACK_ON_MINE_SITE", "\"siteId\": \"" + id + "\""))
                    .post(BASE + "/incidents").then().statusCode(201).body("latitude", equalTo(-2.881f));
            Api.create(Api.programme("At Twangiza", "PUBLIC").replace("\"region\": \"South Kivu\"}",
                    "\"region\": \"South Kivu\", \"siteIds\": [\"" + id + "\"]}"));
            editor().queryParam("q", "At Twangiza").get(PROGRAMMES).then().body("items[0].targetRegions[0].siteIds[0]", equalTo(id));
        }
    }
}
