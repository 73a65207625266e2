package org.mfs.minerals;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.mfs.minerals.Num.num;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.RealInfraTestResource;
import org.mfs.platform.infra.SignedInAsAdmin;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The default view of a year takes every figure from one edition: the newest that reports that year. A later
 * edition that revises only some countries must not be mixed with an older edition's other countries.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "minerals"))
class EditionMixingTest extends SignedInAsAdmin {


    @Test
    void oneYearIsNeverAssembledFromTwoEditions() {
        given().contentType(ContentType.JSON).body("""
                {"code": "mix-metal", "name": "Mix metal", "category": "OTHER", "unit": "t",
                 "unitBasis": "metric tons, hand-made test figures", "hsCodes": [], "listings": []}""")
                .post("/api/v1/minerals/commodities").then().statusCode(201);
        // the older edition: 2023 for three countries; the newer revises 2023 for CD only (and says so, whole)
        given().contentType("text/csv").body("""
                commodity,country,year,measure,value,unit,edition
                mix-metal,CD,2023,MINE_PRODUCTION,50,t,Mix edition 2024
                mix-metal,CN,2023,MINE_PRODUCTION,30,t,Mix edition 2024
                mix-metal,AU,2023,MINE_PRODUCTION,20,t,Mix edition 2024
                mix-metal,WORLD,2023,MINE_PRODUCTION,100,t,Mix edition 2024
                """).post("/api/v1/minerals/statistics/imports").then().statusCode(201);
        given().contentType("text/csv").body("""
                commodity,country,year,measure,value,unit,edition
                mix-metal,CD,2023,MINE_PRODUCTION,80,t,Mix edition 2025
                mix-metal,CN,2023,MINE_PRODUCTION,10,t,Mix edition 2025
                mix-metal,WORLD,2023,MINE_PRODUCTION,90,t,Mix edition 2025
                mix-metal,CD,2024,MINE_PRODUCTION,70,t,Mix edition 2025
                mix-metal,WORLD,2024,MINE_PRODUCTION,70,t,Mix edition 2025
                """).post("/api/v1/minerals/statistics/imports").then().statusCode(201);

        // mixing would give CD 80 + CN 10 + AU 20 over a world of 90: 122 %
        given().queryParam("year", 2023).get("/api/v1/minerals/analytics/mix-metal/shares").then().statusCode(200)
                .body("editions", equalTo(List.of("Mix edition 2025")))
                .body("worldTotal", num(90)).body("namedTotal", num(90)).body("coverage", num(1))
                .body("coverageNote", nullValue())
                .body("shares.country", contains("CD", "CN"));
        given().queryParam("commodity", "mix-metal").queryParam("year", 2023).queryParam("sort", "-value")
                .get("/api/v1/minerals/statistics").then().statusCode(200)
                .body("items.country", contains("CD", "CN")).body("items.edition", contains("Mix edition 2025", "Mix edition 2025"));
        // the older edition stays readable when asked for by name
        given().queryParam("year", 2023).queryParam("edition", "Mix edition 2024")
                .get("/api/v1/minerals/analytics/mix-metal/shares").then().statusCode(200)
                .body("shares.country", contains("CD", "CN", "AU")).body("worldTotal", num(100));
    }

    @Test
    void coverageAboveOneFromRoundingIsExplained() {
        given().contentType(ContentType.JSON).body("""
                {"code": "round-metal", "name": "Round metal", "category": "OTHER", "unit": "t",
                 "unitBasis": "metric tons, hand-made test figures", "hsCodes": [], "listings": []}""")
                .post("/api/v1/minerals/commodities").then().statusCode(201);
        given().contentType("text/csv").body("""
                commodity,country,year,measure,value,unit,edition
                round-metal,CD,2024,MINE_PRODUCTION,64,t,Round edition 2025
                round-metal,CN,2024,MINE_PRODUCTION,38,t,Round edition 2025
                round-metal,WORLD,2024,MINE_PRODUCTION,100,t,Round edition 2025
                """).post("/api/v1/minerals/statistics/imports").then().statusCode(201);
        given().queryParam("year", 2024).get("/api/v1/minerals/analytics/round-metal/shares").then().statusCode(200)
                .body("coverage", num(1.02)).body("coverageNote", containsString("rounds each country"));
    }
}
