package org.mfs.security;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mfs.security.Api.BASE;
import static org.mfs.security.Api.editor;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.RealInfraTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Incidents and seizures: validation, filters, monthly aggregates in SQL and GeoJSON. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "security_cooperation"))
class IncidentTest {

    static final String INCIDENTS = BASE + "/incidents";

    @Inject
    TestDb db;

    static String incident(String on, String country, String region, String type, String extra) {
        return """
                {"occurredOn": "%s", "country": "%s", "region": "%s", "type": "%s", %s
                 "source": {"title": "Provincial mining division report", "reference": "DPM-%s"}}
                """.formatted(on, country, region, type, extra.isEmpty() ? "" : extra + ",", UUID.randomUUID().toString().substring(0, 6));
    }

    @Test
    void incidentsAreFilteredAggregatedPerMonthAndServedAsGeoJson() {
        String region = "Region " + UUID.randomUUID().toString().substring(0, 8);
        UUID site = db.site("Kamituga", "CD", -3.06, 28.18);
        String programme = Api.create(Api.programme("Linked programme", "PUBLIC"));
        editor().body(incident("2026-01-05", "CD", region, "SMUGGLING_SEIZURE",
                "\"commodity\": \"gold\", \"quantity\": {\"value\": 12.5, \"unit\": \"kg\"}, \"latitude\": -2.49, \"longitude\": 28.9, "
                        + "\"programmeIds\": [\"" + programme + "\"]"))
                .post(INCIDENTS).then().statusCode(201).body("programmeIds[0]", equalTo(programme))
                .body("quantity.value", equalTo(12.5f));
        editor().body(incident("2026-01-20", "CD", region, "SMUGGLING_SEIZURE",
                "\"commodity\": \"gold\", \"quantity\": {\"value\": 7.5, \"unit\": \"kg\"}")).post(INCIDENTS).then().statusCode(201);
        editor().body(incident("2026-01-22", "CD", region, "ATTACK_ON_MINE_SITE", "\"siteId\": \"" + site + "\""))
                .post(INCIDENTS).then().statusCode(201).body("latitude", equalTo(-3.06f)).body("longitude", equalTo(28.18f));
        editor().body(incident("2026-02-03", "CD", region, "SMUGGLING_SEIZURE",
                "\"commodity\": \"coltan\", \"quantity\": {\"value\": 2, \"unit\": \"t\"}")).post(INCIDENTS).then().statusCode(201);

        editor().queryParam("region", region.toLowerCase()).queryParam("sort", "occurredOn").get(INCIDENTS).then()
                .statusCode(200).body("total", equalTo(4)).body("items[0].occurredOn", equalTo("2026-01-05"));
        editor().queryParam("region", region).queryParam("type", "SMUGGLING_SEIZURE").queryParam("commodity", "gold")
                .get(INCIDENTS).then().body("total", equalTo(2));
        editor().queryParam("programmeId", programme).get(INCIDENTS).then().body("total", equalTo(1));
        editor().queryParam("siteId", site.toString()).get(INCIDENTS).then().body("total", equalTo(1));
        editor().queryParam("region", region).queryParam("from", "2026-02-01").get(INCIDENTS).then().body("total", equalTo(1));

        editor().queryParam("region", region).queryParam("groupBy", "type,commodity").get(INCIDENTS + "/monthly").then()
                .statusCode(200).body("rows", hasSize(3))
                .body("rows.find { it.month == '2026-01' && it.commodity == 'gold' }.incidents", equalTo(2))
                .body("rows.find { it.month == '2026-01' && it.commodity == 'gold' }.quantity", equalTo(20))
                .body("rows.find { it.month == '2026-01' && it.commodity == 'gold' }.unit", equalTo("kg"))
                .body("rows.find { it.month == '2026-02' }.quantity", equalTo(2));
        // from the monthly roll-up (whole months) and from the incidents themselves (a day filter): the same rows
        String fromRollup = editor().queryParam("region", region).queryParam("groupBy", "type,commodity,region")
                .queryParam("from", "2026-01-01").get(INCIDENTS + "/monthly").then().statusCode(200).extract().path("rows").toString();
        String fromIncidents = editor().queryParam("region", region).queryParam("groupBy", "type,commodity,region")
                .queryParam("from", "2025-12-31").get(INCIDENTS + "/monthly").then().statusCode(200).extract().path("rows").toString();
        assertEquals(fromIncidents, fromRollup);
        editor().queryParam("region", region).queryParam("groupBy", "region").get(INCIDENTS + "/monthly").then()
                .statusCode(200).body("rows", hasSize(2)).body("rows[0].incidents", equalTo(3))
                .body("rows[0].region", equalTo(region)).body("rows[0].country", equalTo("CD"));

        editor().queryParam("region", region).get(BASE + "/incidents.geojson").then().statusCode(200)
                .contentType(containsString("geo+json")).body("type", equalTo("FeatureCollection"))
                .body("features", hasSize(2)).body("features[0].geometry.type", equalTo("Point"))
                .body("features.geometry.coordinates", hasItem(java.util.List.of(28.18f, -3.06f)))
                .body("features.properties.type", hasItem("ATTACK_ON_MINE_SITE"));
        editor().queryParam("region", region).queryParam("bbox", "28,-3,29,-2").get(BASE + "/incidents.geojson").then()
                .body("features", hasSize(1)).body("features[0].properties.commodity", equalTo("gold"));
    }

    @Test
    void badIncidentsAndFiltersAreProblemsAndStoreNothing() {
        String region = "Bad input " + UUID.randomUUID().toString().substring(0, 8);
        String before = db.fingerprint();
        editor().body(incident("2026-01-05", "ZZ", region, "SMUGGLING_SEIZURE", "")).post(INCIDENTS).then().statusCode(400)
                .body("errors.field", hasItem("country"));
        editor().body(incident("2026-01-05", "CD", region, "PIRACY", "")).post(INCIDENTS).then().statusCode(400);
        editor().body(incident("2026-01-05", "CD", region, "ILLEGAL_MINING", "\"latitude\": -2.5")).post(INCIDENTS).then()
                .statusCode(400).body("errors[0].field", equalTo("longitude"));
        editor().body(incident("2026-01-05", "CD", region, "ILLEGAL_MINING", "\"latitude\": 95, \"longitude\": 20")).post(INCIDENTS)
                .then().statusCode(400).body("errors[0].field", equalTo("latitude"));
        editor().body(incident("2026-01-05", "CD", region, "SMUGGLING_SEIZURE", "\"quantity\": {\"value\": 3, \"unit\": \"kg\"}"))
                .post(INCIDENTS).then().statusCode(400).body("errors[0].field", equalTo("commodity"));
        editor().body(incident("2026-01-05", "CD", region, "SMUGGLING_SEIZURE", "\"commodity\": \"gold\", \"quantity\": {\"value\": 3, \"unit\": \"bags\"}"))
                .post(INCIDENTS).then().statusCode(400).body("errors[0].field", equalTo("quantity.unit"));
        editor().body(incident("2099-01-05", "CD", region, "ILLEGAL_MINING", "")).post(INCIDENTS).then().statusCode(400)
                .body("errors[0].field", equalTo("occurredOn"));
        editor().body(incident("2026-01-05", "CD", region, "ILLEGAL_MINING", "\"siteId\": \"" + UUID.randomUUID() + "\""))
                .post(INCIDENTS).then().statusCode(422).body("errors[0].field", equalTo("siteId"));
        editor().body(incident("2026-01-05", "CD", region, "ILLEGAL_MINING", "\"programmeIds\": [\"" + UUID.randomUUID() + "\"]"))
                .post(INCIDENTS).then().statusCode(422).body("errors[0].field", equalTo("programmeIds[0]"));
        editor().queryParam("groupBy", "colour").get(INCIDENTS + "/monthly").then().statusCode(400)
                .body("errors[0].field", equalTo("groupBy"));
        editor().queryParam("bbox", "1,2,3").get(BASE + "/incidents.geojson").then().statusCode(400);
        editor().queryParam("from", "2026-13-01").get(INCIDENTS).then().statusCode(400).body("errors[0].field", equalTo("from"));
        editor().queryParam("from", "2026-02-01").queryParam("to", "2026-01-01").get(INCIDENTS).then().statusCode(400);
        editor().queryParam("sort", "colour").get(INCIDENTS).then().statusCode(400);
        editor().get(INCIDENTS + "/" + UUID.randomUUID()).then().statusCode(404);
        assertEquals(before, db.fingerprint());
        editor().queryParam("type", "ILLEGAL_MINING").queryParam("region", region).get(INCIDENTS).then()
                .body("items.region", not(hasItem(region)));
    }
}
