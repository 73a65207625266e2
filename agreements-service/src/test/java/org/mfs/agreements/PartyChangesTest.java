package org.mfs.agreements;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.platform.infra.RealInfraTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Parties can be reordered, removed (not only the last) and added with PATCH. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "agreements"))
class PartyChangesTest extends SignedInAsAdmin {


    static final String CD = "{\"country\": \"CD\", \"role\": \"RESOURCE_HOLDER\"}";
    static final String US = "{\"country\": \"US\", \"role\": \"INVESTOR_PARTNER\"}";
    static final String ZA = "{\"country\": \"ZA\", \"role\": \"OBSERVER\"}";

    @Inject
    TestDb db;

    @Test
    void partiesCanBeReordered() {
        String id = create(CD, US);
        patchParties(id, 0, US, CD);
        given().get("/api/v1/agreements/" + id).then().statusCode(200).body("parties.country", contains("US", "CD"))
                .body("parties.role", contains("INVESTOR_PARTNER", "RESOURCE_HOLDER"));
        assertEquals("US,CD", db.text("select string_agg(country, ',' order by position) from agreement_party where agreement_id = '" + id + "'"));
    }

    @Test
    void aPartyThatIsNotTheLastCanBeRemovedAndOneAdded() {
        String id = create(CD, US, ZA);
        patchParties(id, 0, US, ZA);
        given().get("/api/v1/agreements/" + id).then().statusCode(200).body("parties.country", contains("US", "ZA"));
        patchParties(id, 1, US, ZA, CD);
        given().get("/api/v1/agreements/" + id).then().statusCode(200).body("parties.country", contains("US", "ZA", "CD"));
        assertEquals("US,ZA,CD", db.text("select string_agg(country, ',' order by position) from agreement_party where agreement_id = '" + id + "'"));
        given().get("/api/v1/agreements/" + id + "/history").then().statusCode(200)
                .body("revisions.operation", contains("created", "patched", "patched"));
    }

    @Test
    void aDuplicateCountryIsStillRejectedAndNothingChanges() {
        String id = create(CD, US);
        String before = db.fingerprint();
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body("{\"parties\": [" + US + ", " + US + "]}").patch("/api/v1/agreements/" + id)
                .then().statusCode(400).contentType("application/problem+json");
        assertEquals(before, db.fingerprint());
    }

    private static String create(String... parties) {
        return given().contentType(ContentType.JSON)
                .body("{\"title\": \"Parties\", \"type\": \"FRAMEWORK\", \"parties\": [" + String.join(", ", parties) + "]}")
                .post("/api/v1/agreements").then().statusCode(201).extract().path("id");
    }

    private static void patchParties(String id, long version, String... parties) {
        given().contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"")
                .body("{\"parties\": [" + String.join(", ", parties) + "]}").patch("/api/v1/agreements/" + id)
                .then().statusCode(200).body("parties.country.size()", org.hamcrest.Matchers.equalTo(parties.length));
    }
}
