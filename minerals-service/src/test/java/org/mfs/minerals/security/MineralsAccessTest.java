package org.mfs.minerals.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.mfs.minerals.TestDb;
import org.mfs.platform.infra.RealInfraTestResource;
import org.mfs.platform.infra.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Minerals statistics and analytics are readable by any authenticated viewer; imports, catalogue, sites, corridors
 * and supply-risk inputs need editor or admin; a token without a role reads nothing; bad tokens are 401.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "minerals"))
class MineralsAccessTest {

    static final String PROBLEM = "application/problem+json";
    static final String VIEWER = TestTokens.user("fr-viewer").partner("FR").roles("viewer").sign();
    static final String MONITOR = TestTokens.user("monitor").roles("monitor").sign();
    static final String EDITOR = TestTokens.user("drc-editor").partner("CD").roles("editor").sign();
    static final String NO_ROLE = TestTokens.user("no-role").partner("CD").sign();

    static final List<String> READS = List.of("/api/v1/minerals/commodities", "/api/v1/minerals/commodities/cobalt",
            "/api/v1/minerals/statistics?commodity=cobalt&year=2024", "/api/v1/minerals/editions",
            "/api/v1/minerals/analytics/cobalt/shares?year=2024", "/api/v1/minerals/analytics/cobalt/concentration?year=2024",
            "/api/v1/minerals/analytics/exposure?country=CD&country=US&commodity=cobalt",
            "/api/v1/minerals/analytics/disruption?remove=CD&year=2024", "/api/v1/minerals/sites",
            "/api/v1/minerals/corridors.geojson");

    @Inject
    TestDb db;

    @Test
    void viewersAndMonitorsReadStatisticsAndAnalytics() {
        for (String token : List.of(VIEWER, MONITOR, EDITOR)) {
            for (String path : READS) {
                given().auth().oauth2(token).urlEncodingEnabled(false).get(path).then().statusCode(200);
            }
        }
    }

    @Test
    void writesNeedAnEditor() {
        String commodity = """
                {"code": "%s", "name": "%s", "symbol": "Sc", "category": "TECHNOLOGY_METAL", "unit": "t",
                 "unitBasis": "metric tons of contained scandium", "hsCodes": ["2805.30"], "listings": [], "aliases": []}""";
        String csv = "commodity,country,year,measure,value,unit,edition\n";
        String before = db.fingerprint();
        for (String token : List.of(VIEWER, MONITOR)) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(commodity.formatted("scandium", "Scandium"))
                    .post("/api/v1/minerals/commodities").then().statusCode(403).contentType(PROBLEM)
                    .body("type", equalTo("urn:mfs:problem:forbidden"));
            given().auth().oauth2(token).contentType("text/csv").body(csv).post("/api/v1/minerals/statistics/imports")
                    .then().statusCode(403).contentType(PROBLEM);
            given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                    .body("{\"score\": 5.0}").put("/api/v1/minerals/governance-scores/CD/2024").then().statusCode(403);
        }
        given().auth().oauth2(NO_ROLE).get("/api/v1/minerals/commodities").then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(NO_ROLE).get("/api/v1/minerals/analytics/cobalt/shares?year=2024").then().statusCode(403);
        assertEquals(before, db.fingerprint(), "refused writes change nothing");

        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(commodity.formatted("scandium", "Scandium"))
                .post("/api/v1/minerals/commodities").then().statusCode(201);
    }

    @Test
    void missingAndBadTokensAre401() {
        given().get("/api/v1/minerals/analytics/cobalt/shares?year=2024").then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", startsWith("Bearer"));
        for (String token : List.of(TestTokens.user("x").roles("viewer").expired().sign(),
                TestTokens.user("x").roles("viewer").audience("other").sign(),
                TestTokens.user("x").roles("viewer").signedWithUnknownKey().sign(),
                TestTokens.user("x").roles("admin").unsigned())) {
            given().auth().oauth2(token).get("/api/v1/minerals/commodities").then().statusCode(401).contentType(PROBLEM);
        }
        given().get("/q/health/ready").then().statusCode(200);
    }
}
