package org.mfs.minerals;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mfs.minerals.Num.num;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.platform.infra.RealInfraTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "minerals"))
class GeoTest extends SignedInAsAdmin {


    static final String SITE = """
            {"name": "Test mine %s", "kind": "MINE", "country": "%s", "region": "Test", "latitude": %s, "longitude": %s,
             "commodities": ["cobalt"], "status": "DEVELOPMENT", "capacity": {"value": 1000, "unit": "t", "basis": "t/y cobalt"}}
            """;

    @Inject
    TestDb db;

    @Test
    void demoSitesAndTheLobitoCorridorAreThere() {
        given().queryParam("country", "CD").queryParam("commodity", "cobalt").get("/api/v1/minerals/sites").then()
                .statusCode(200)
                .body("items.name", hasItems("Tenke Fungurume Mine", "Kamoto Copper Company (KCC)"))
                .body("items.find { it.name == 'Tenke Fungurume Mine' }.latitude", num(-10.568411))
                .body("items.find { it.name == 'Tenke Fungurume Mine' }.demo", equalTo(true));
        given().queryParam("country", "AO").get("/api/v1/minerals/corridors").then().statusCode(200)
                .body("items.name", hasItem("Lobito Corridor"))
                .body("items.find { it.name == 'Lobito Corridor' }.nodes[0].name", equalTo("Port of Lobito"))
                .body("items.find { it.name == 'Lobito Corridor' }.nodes[-1].name", equalTo("Kolwezi"))
                .body("items.find { it.name == 'Lobito Corridor' }.bbox", hasSize(4));
    }

    @Test
    void geoJsonFeatureCollections() {
        given().accept("application/geo+json").queryParam("commodity", "copper").get("/api/v1/minerals/sites.geojson")
                .then().statusCode(200).contentType(containsString("application/geo+json"))
                .body("type", equalTo("FeatureCollection"))
                .body("features.find { it.properties.name == 'Tenke Fungurume Mine' }.geometry.type", equalTo("Point"))
                .body("features.find { it.properties.name == 'Tenke Fungurume Mine' }.geometry.coordinates[0]", num(26.195633))
                .body("features.find { it.properties.name == 'Tenke Fungurume Mine' }.geometry.coordinates[1]", num(-10.568411));
        given().get("/api/v1/minerals/corridors.geojson").then().statusCode(200)
                .body("features.find { it.properties.name == 'Lobito Corridor' }.geometry.type", equalTo("LineString"))
                .body("features.find { it.properties.name == 'Lobito Corridor' }.geometry.coordinates[0]", equalTo(List.of(13.546f, -12.348f)))
                .body("features.find { it.properties.name == 'Lobito Corridor' }.geometry.coordinates", hasSize(8));
    }

    @Test
    void boundingBoxesFilterSitesAndCorridors() {
        String id = given().contentType(ContentType.JSON).body(SITE.formatted("Fiji", "FJ", "-17.5", "179.5"))
                .post("/api/v1/minerals/sites").then().statusCode(201).extract().path("id");
        // the Katanga copperbelt
        given().queryParam("bbox", "25,-11,27,-10").get("/api/v1/minerals/sites").then().statusCode(200)
                .body("items.name", hasItems("Tenke Fungurume Mine", "Kamoto Copper Company (KCC)"))
                .body("items.name", not(hasItem("Test mine Fiji")));
        given().queryParam("bbox", "10,-20,20,-15").get("/api/v1/minerals/sites").then().statusCode(200)
                .body("items.name", not(hasItem("Tenke Fungurume Mine")));
        // across the antimeridian
        given().queryParam("bbox", "179,-18,-179,-17").get("/api/v1/minerals/sites").then().statusCode(200)
                .body("items.id", equalTo(List.of(id)));
        given().queryParam("bbox", "12,-13,14,-12").get("/api/v1/minerals/corridors").then().statusCode(200)
                .body("items.name", hasItem("Lobito Corridor"));
        given().queryParam("bbox", "100,10,110,20").get("/api/v1/minerals/corridors").then().statusCode(200)
                .body("total", equalTo(0));
        // within every range, and a 500 before: the database driver cannot bind a billion digits after the point
        for (String path : new String[] { "/api/v1/minerals/sites", "/api/v1/minerals/sites.geojson",
                "/api/v1/minerals/corridors.geojson" }) {
            given().queryParam("bbox", "1e-1000000000,-13,28,-9").get(path).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("bbox: '1e-1000000000' has more than 10 digits after the decimal point"));
        }
        given().queryParam("bbox", "25.0000000001,-11,27,-10").get("/api/v1/minerals/sites").then().statusCode(200);
    }

    @Test
    void sitesAreCreatedAndUpdatedWithIfMatch() {
        String id = given().contentType(ContentType.JSON).body(SITE.formatted("Zambia", "ZM", "-12.5", "27.8"))
                .post("/api/v1/minerals/sites").then().statusCode(201).header("ETag", equalTo("\"0\""))
                .body("capacity.value", num(1000)).extract().path("id");
        String moved = SITE.formatted("Zambia", "ZM", "-12.6", "27.9");
        given().contentType(ContentType.JSON).body(moved).put("/api/v1/minerals/sites/" + id).then().statusCode(428);
        given().contentType(ContentType.JSON).header("If-Match", "\"3\"").body(moved).put("/api/v1/minerals/sites/" + id)
                .then().statusCode(412);
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(moved).put("/api/v1/minerals/sites/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"1\"")).body("latitude", num(-12.6));
        given().get("/api/v1/minerals/sites/" + id).then().statusCode(200).body("longitude", num(27.9));
    }

    @Test
    void invalidCoordinatesAndReferencesChangeNothing() {
        String before = db.fingerprint();
        given().contentType(ContentType.JSON).body(SITE.formatted("Bad", "CD", "-91", "181")).post("/api/v1/minerals/sites")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("latitude", "longitude"));
        given().contentType(ContentType.JSON).body(SITE.formatted("Bad", "XX", "1", "2").replace("\"cobalt\"", "\"kryptonite\""))
                .post("/api/v1/minerals/sites").then().statusCode(400).body("errors.field", hasItem("country"));
        given().contentType(ContentType.JSON).body(SITE.formatted("Bad", "CD", "1", "2").replace("\"cobalt\"", "\"kryptonite\""))
                .post("/api/v1/minerals/sites").then().statusCode(400).body("errors.field", hasItem("commodities[0]"));
        given().contentType(ContentType.JSON).body(SITE.formatted("Bad", "CD", "\"north\"", "2")).post("/api/v1/minerals/sites")
                .then().statusCode(400).body("errors.field", hasItem("latitude"));
        String corridor = """
                {"name": "Bad corridor", "countries": ["AO"], "mode": "RAIL", "status": "PLANNED",
                 "nodes": [{"name": "Lobito", "kind": "PORT", "country": "AO", "latitude": -12.3, "longitude": 13.5},
                           {"name": "Kolwezi", "kind": "TOWN", "country": "CD", "latitude": -10.7, "longitude": 25.5}]}""";
        given().contentType(ContentType.JSON).body(corridor).post("/api/v1/minerals/corridors").then().statusCode(400)
                .body("errors.field", hasItem("nodes[1].country"));
        given().contentType(ContentType.JSON).body(corridor.replace("[\"AO\"]", "[\"AO\", \"CD\"]").replace("-10.7", "-100.7"))
                .post("/api/v1/minerals/corridors").then().statusCode(400).body("errors.field", hasItem("nodes[1].latitude"));
        given().queryParam("bbox", "1,2,3").get("/api/v1/minerals/sites").then().statusCode(400)
                .body("errors.field", hasItem("bbox"));
        given().queryParam("bbox", "1,20,3,10").get("/api/v1/minerals/corridors").then().statusCode(400)
                .body("errors.field", hasItem("bbox"));
        given().queryParam("kind", "QUARRY").get("/api/v1/minerals/sites").then().statusCode(400);
        given().get("/api/v1/minerals/sites/00000000-0000-4000-8000-000000000000").then().statusCode(404)
                .contentType("application/problem+json");
        assertEquals(before, db.fingerprint());
    }

    @Test
    void corridorsAreCreatedAndUpdated() {
        String body = """
                {"name": "Test corridor", "countries": ["TZ", "ZM"], "commodities": ["copper"], "mode": "RAIL", "status": "OPERATIONAL",
                 "nodes": [{"name": "Dar es Salaam", "kind": "PORT", "country": "TZ", "latitude": -6.82, "longitude": 39.29},
                           {"name": "Kapiri Mposhi", "kind": "RAIL_JUNCTION", "country": "ZM", "latitude": -13.97, "longitude": 28.68}]}""";
        String id = given().contentType(ContentType.JSON).body(body).post("/api/v1/minerals/corridors").then()
                .statusCode(201).body("bbox", equalTo(List.of(28.68f, -13.97f, 39.29f, -6.82f))).extract().path("id");
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(body.replace("OPERATIONAL", "UPGRADING"))
                .put("/api/v1/minerals/corridors/" + id).then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("status", equalTo("UPGRADING"));
        given().queryParam("country", "TZ").queryParam("status", "UPGRADING").get("/api/v1/minerals/corridors").then()
                .body("items.id", equalTo(List.of(id)));
    }
}
