package org.mfs.minerals;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.platform.infra.RealInfraTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Every bad catalogue request gets a problem naming what is wrong, and nothing stored changes. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "minerals"))
class CommodityErrorsTest extends SignedInAsAdmin {


    @Inject
    TestDb db;

    String before;

    @BeforeEach
    void snapshot() {
        before = db.fingerprint();
    }

    @AfterEach
    void nothingWasStored() {
        assertEquals(before, db.fingerprint(), "a rejected request must not change what is stored");
    }

    static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/minerals/commodities").then()
                .contentType("application/problem+json").body(not(containsString("Exception")));
    }

    static String niobium(String from, String to) {
        return CommodityApiTest.NIOBIUM.replace("niobium", "niobium-x").replace(from, to);
    }

    @Test
    void invalidFields() {
        post(niobium("\"code\": \"niobium-x\"", "\"code\": \"Niobium X\"").replace("\"symbol\": \"Nb\"", "\"symbol\": \"nb1\"")
                .replace("\"8112.92\"", "\"81129\"").replace("\"name\": \"Niobium\"", "\"name\": \" \""))
                .statusCode(400).body("type", equalTo("urn:mfs:problem:validation-failed"))
                .body("errors.field", hasItems("code", "symbol", "hsCodes[1]", "name"));
        post(niobium("\"TECHNOLOGY_METAL\"", "\"SPICE\"")).statusCode(400).body("errors.field", hasItem("category"));
        post(niobium("\"EU_CRITICAL_2023\"", "\"MOON_LIST\"")).statusCode(400).body("errors.field", hasItem("listings[2]"));
        post(niobium("\"unit\": \"t\"", "\"unit\": \"lb\"")).statusCode(400).body("errors.field", hasItem("unit"));
        post(niobium("\"unitBasis\"", "\"oreOf\": \"kryptonite\", \"unitBasis\"")).statusCode(400)
                .body("errors.field", hasItem("oreOf"));
        post(niobium("\"Niobium (columbium)\"", "\"Cobalt\"")).statusCode(400).body("errors.field", hasItem("aliases"))
                .body("detail", containsString("another commodity"));
        post(niobium("\"code\"", "\"colour\": \"grey\", \"code\"")).statusCode(400)
                .body("type", equalTo("urn:mfs:problem:unknown-field"));
        post("{\"code\": ").statusCode(400).body("type", equalTo("urn:mfs:problem:malformed-json"));
    }

    @Test
    void aListFarPastItsBoundIsOneErrorNotOnePerElement() {
        // was 100,001 errors (the size, then each code), 1.7 s and an 8 MB answer: past the gateway's 1 s timeout
        String codes = "[" + String.join(",", java.util.Collections.nCopies(100_000, "\"x\"")) + "]";
        String body = niobium("[\"2615.90\", \"8112.92\"]", codes);
        post(body).statusCode(400)
                .body("type", equalTo("urn:mfs:problem:invalid-field-value"))
                .body("errors.size()", equalTo(1))
                .body("errors[0].field", equalTo("hsCodes"))
                .body("errors[0].message", equalTo("must have at most 30 elements; it has 100000"));
    }

    @Test
    void duplicateCodeIs409() {
        post(CommodityApiTest.NIOBIUM.replace("niobium", "cobalt")).statusCode(409)
                .body("type", equalTo("urn:mfs:problem:commodity-exists"));
    }

    @Test
    void updatesNeedTheCurrentVersionAndAValidBody() {
        String body = CommodityApiTest.NIOBIUM.replace("\"code\": \"niobium\", ", "");
        given().contentType(ContentType.JSON).body(body).put("/api/v1/minerals/commodities/cobalt").then().statusCode(428)
                .contentType("application/problem+json").body("type", equalTo("urn:mfs:problem:precondition-required"));
        given().contentType(ContentType.JSON).header("If-Match", "\"41\"").body(body)
                .put("/api/v1/minerals/commodities/cobalt").then().statusCode(412).contentType("application/problem+json");
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(body)
                .put("/api/v1/minerals/commodities/unobtainium").then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).header("If-Match", "*").body(body.replace("\"unit\": \"t\"", "\"unit\": 5"))
                .put("/api/v1/minerals/commodities/cobalt").then().statusCode(400)
                .body("type", equalTo("urn:mfs:problem:invalid-field-type"));
        // the code cannot be changed: it is not a field of the update body
        given().contentType(ContentType.JSON).header("If-Match", "*")
                .body(body.replace("\"name\"", "\"code\": \"cobalt2\", \"name\""))
                .put("/api/v1/minerals/commodities/cobalt").then().statusCode(400)
                .body("type", equalTo("urn:mfs:problem:unknown-field"));
    }

    @Test
    void badListParameters() {
        given().queryParam("sort", "price").get("/api/v1/minerals/commodities").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("sort"));
        given().queryParam("category", "SPICE").get("/api/v1/minerals/commodities").then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("size", 101).get("/api/v1/minerals/commodities").then().statusCode(400)
                .body("errors.field", hasItem("size"));
        given().get("/api/v1/minerals/commodities/unobtainium").then().statusCode(404)
                .body("detail", containsString("unobtainium"));
    }
}
