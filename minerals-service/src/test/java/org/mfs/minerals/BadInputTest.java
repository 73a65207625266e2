package org.mfs.minerals;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.BadInputWalker;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.platform.infra.RealInfraTestResource;
import org.mfs.platform.infra.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Every operation of the published OpenAPI document, sent every class of hostile input: no 5xx, every error
 * a problem+json, and nothing stored changes when a request is refused. The resources it may change are its own.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "minerals"))
class BadInputTest extends SignedInAsAdmin {


    @TestHTTPResource("/")
    URL base;

    @Inject
    TestDb db;

    @Test
    void noOperationAnswersHostileInputWithA5xxOrANonProblemOrAChange() {
        given().contentType(ContentType.JSON).body(CommodityApiTest.NIOBIUM.replace("niobium", "hostilium").replace("Niobium", "Hostilium"))
                .post("/api/v1/minerals/commodities").then().statusCode(201);
        String site = given().contentType(ContentType.JSON).body(GeoTest.SITE.formatted("Hostile", "ZM", "-12.5", "27.8"))
                .post("/api/v1/minerals/sites").then().statusCode(201).extract().path("id");
        String corridor = given().contentType(ContentType.JSON).body("""
                {"name": "Hostile corridor", "countries": ["AO"], "mode": "RAIL", "status": "PLANNED",
                 "nodes": [{"name": "Lobito", "kind": "PORT", "country": "AO", "latitude": -12.3, "longitude": 13.5},
                           {"name": "Benguela", "kind": "TOWN", "country": "AO", "latitude": -12.6, "longitude": 13.4}]}""")
                .post("/api/v1/minerals/corridors").then().statusCode(201).extract().path("id");
        String importId = given().get("/api/v1/minerals/statistics/imports").then().statusCode(200)
                .extract().path("items[0].importId").toString();

        BadInputWalker walker = BadInputWalker.at(base.toString())
                .pathValue("code", "hostilium").pathValue("commodity", "cobalt").pathValue("country", "NR")
                .pathValue("year", "2001").header("Authorization", "Bearer " + TestTokens.admin())
                .fingerprint(db::fingerprint);
        List<BadInputWalker.Violation> violations = walker.pathValue("id", site).walk();
        violations.addAll(BadInputWalker.at(base.toString()).pathValue("id", corridor).pathValue("code", "hostilium")
                .pathValue("commodity", "cobalt").pathValue("country", "NR").pathValue("year", "2001")
                .header("Authorization", "Bearer " + TestTokens.admin()).fingerprint(db::fingerprint).only("/api/v1/minerals/corridors/{id}").walk());
        violations.addAll(BadInputWalker.at(base.toString()).pathValue("id", importId)
                .header("Authorization", "Bearer " + TestTokens.admin()).fingerprint(db::fingerprint)
                .only("/api/v1/minerals/statistics/imports/{id}").walk());
        assertTrue(violations.isEmpty(), violations.size() + " of about " + walker.requests() + " requests broke the rules:\n"
                + violations.stream().map(Object::toString).collect(Collectors.joining("\n")));
    }

    /** An enum query parameter is a field error like any other, naming the values it takes (ADR 0023). */
    @Test
    void aWrongEnumQueryValueIsAFieldErrorNamingTheValuesItTakes() {
        given().get("/api/v1/minerals/sites?kind=VOLCANO").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:mfs:problem:validation-failed"))
                .body("errors[0].field", equalTo("kind"))
                .body("errors[0].message", startsWith("'VOLCANO' is not one of ["))
                .body("detail", startsWith("kind: 'VOLCANO' is not one of ["));
    }
}
