package org.mfs.minerals;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.mfs.minerals.Num.near;
import static org.mfs.minerals.Num.num;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.platform.infra.RealInfraTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Analytics asserted against the real USGS MCS 2025 figures (and the USGS text: DRC about 76 % of 2024 cobalt mine
 * production), and against small cases computed by hand.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "minerals"))
class AnalyticsTest extends SignedInAsAdmin {


    /** Cobalt mine production 2024e, t, named countries of the USGS file (ROW 6,200; world 290,000). */
    static final double[] COBALT_2024 = { 300, 3600, 4500, 220000, 3500, 28000, 2600, 1500, 2800, 3800, 8700, 2700 };

    static double hhi(double world, double... values) {
        double h = 0;
        for (double v : values) {
            h += Math.pow(100 * v / world, 2);
        }
        return h;
    }

    static boolean handMadeLoaded;

    @BeforeEach
    void handMadeCommodity() {
        if (handMadeLoaded) {
            return;
        }
        handMadeLoaded = true;
        // A commodity of our own with round numbers, so every figure can be computed by hand.
        String create = """
                {"code": "test-metal", "name": "Test metal", "category": "OTHER", "unit": "t",
                 "unitBasis": "metric tons, hand-made test figures", "hsCodes": [], "listings": []}""";
        int status = given().contentType(ContentType.JSON).body(create).post("/api/v1/minerals/commodities").statusCode();
        if (status == 201) {
            String csv = """
                    commodity,country,year,measure,value,unit,edition
                    test-metal,CD,2024,MINE_PRODUCTION,60,t,Hand edition 2025
                    test-metal,CN,2024,MINE_PRODUCTION,30,t,Hand edition 2025
                    test-metal,ROW,2024,MINE_PRODUCTION,10,t,Hand edition 2025
                    test-metal,WORLD,2024,MINE_PRODUCTION,100,t,Hand edition 2025
                    test-metal,CN,2024,REFINERY_PRODUCTION,80,t,Hand edition 2025
                    test-metal,FI,2024,REFINERY_PRODUCTION,20,t,Hand edition 2025
                    test-metal,WORLD,2024,REFINERY_PRODUCTION,100,t,Hand edition 2025
                    test-metal,CD,2024,RESERVES,500,t,Hand edition 2025
                    test-metal,WORLD,2024,RESERVES,1000,t,Hand edition 2025
                    test-metal,CD,2023,MINE_PRODUCTION,0.06,kt,Hand edition 2025
                    test-metal,WORLD,2023,MINE_PRODUCTION,100,t,Hand edition 2025
                    test-metal,BR,2022,MINE_PRODUCTION,40,t,Hand edition 2025
                    test-metal,AU,2022,MINE_PRODUCTION,20,t,Hand edition 2025
                    """;
            given().contentType("text/csv").body(csv).post("/api/v1/minerals/statistics/imports").then().statusCode(201);
        }
    }

    @Test
    void cobaltSharesMatchTheUsgsFigures() {
        double expectedHhi = hhi(290000, COBALT_2024);
        given().queryParam("year", 2024).get("/api/v1/minerals/analytics/cobalt/shares").then().statusCode(200)
                .body("unit", equalTo("t"))
                .body("worldTotal", num(290000))
                .body("worldTotalBasis", equalTo("PUBLISHED"))
                .body("namedTotal", num(282000))
                .body("coverage", num(0.972414))
                .body("uncoveredShare", num(0.021379))
                .body("restOfWorld", num(6200))
                .body("countries", equalTo(12))
                .body("shares[0].country", equalTo("CD"))
                .body("shares[0].value", num(220000))
                .body("shares[0].share", num(0.758621))
                .body("shares[0].sharePercent", num(75.86))
                .body("shares[1].country", equalTo("ID"))
                .body("shares", hasSize(12)).body("shares.country", not(hasItem("ROW")))
                .body("hhi", near(expectedHhi, 0.06))
                .body("level", equalTo("HIGHLY_CONCENTRATED"))
                .body("editions", equalTo(List.of("USGS MCS 2025")));
        // the USGS text: about 76 %
        assertEquals(76, Math.round(100.0 * 220000 / 290000));
    }

    @Test
    void tantalumAndTheLatestYearByDefault() {
        given().get("/api/v1/minerals/analytics/tantalum/shares").then().statusCode(200)
                .body("year", num(2024))
                .body("worldTotal", num(2100))
                .body("shares[0].country", equalTo("CD"))
                .body("shares[0].share", num(0.419048))
                .body("restOfWorld", nullValue());
    }

    @Test
    void concentrationGivesTheTopProducers() {
        given().queryParam("year", 2024).queryParam("top", 3).get("/api/v1/minerals/analytics/cobalt/concentration")
                .then().statusCode(200)
                .body("topProducers", hasSize(3))
                .body("topProducers.country", equalTo(List.of("CD", "ID", "RU")))
                .body("topShare", near((220000 + 28000 + 8700) / 290000.0, 0.000003))
                .body("uncoveredShare", num(0.021379))
                .body("hhi", near(hhi(290000, COBALT_2024), 0.06));
    }

    @Test
    void copperIsMoreConcentratedAtTheRefineryThanAtTheMine() {
        double mine = hhi(23000, 1100, 800, 450, 5300, 1800, 3300, 30, 1100, 740, 700, 2600, 410, 930, 680);
        double refinery = hhi(27000, 890, 460, 320, 1900, 12000, 2500, 630, 510, 350, 1600, 470, 620, 350, 390, 590, 960, 170);
        given().queryParam("year", 2024).get("/api/v1/minerals/analytics/copper/stages").then().statusCode(200)
                .body("stages", hasSize(2))
                .body("stages[0].measure", equalTo("MINE_PRODUCTION"))
                .body("stages[0].unit", equalTo("kt"))
                .body("stages[0].topProducers[0].country", equalTo("CL"))
                .body("stages[0].hhi", near(mine, 0.06))
                .body("stages[1].measure", equalTo("REFINERY_PRODUCTION"))
                .body("stages[1].topProducers[0].country", equalTo("CN"))
                .body("stages[1].topProducers[0].share", num(0.444444))
                .body("stages[1].hhi", near(refinery, 0.06));
    }

    @Test
    void timeSeriesAcrossYears() {
        given().queryParam("country", "CD").get("/api/v1/minerals/analytics/cobalt/time-series").then().statusCode(200)
                .body("unit", equalTo("t"))
                .body("points.year", equalTo(List.of(2023, 2024)))
                .body("points[0].value", num(175000))
                .body("points[0].shareOfWorld", num(0.735294))
                .body("points[1].value", num(220000))
                .body("points[1].current", equalTo(true))
                .body("points[1].estimated", equalTo(true));
    }

    @Test
    void disruptionWithoutTheDrc() {
        given().queryParam("remove", "CD").queryParam("year", 2024).queryParam("commodity", "cobalt,tantalum,copper")
                .get("/api/v1/minerals/analytics/disruption").then().statusCode(200)
                .body("removedCountries", equalTo(List.of("CD")))
                .body("impacts.commodity", equalTo(List.of("cobalt", "tantalum", "copper")))
                .body("impacts[0].shareLost", num(0.758621))
                .body("impacts[0].supplyLost", num(220000))
                .body("impacts[0].removed[0].country", equalTo("CD"))
                .body("impacts[1].shareLost", num(0.419048))
                .body("impacts[2].shareLost", num(0.143478))
                .body("impacts[2].unit", equalTo("kt"));
        // several countries at once, and an unknown code
        given().queryParam("remove", "CD,ID").queryParam("year", 2024).queryParam("commodity", "cobalt")
                .get("/api/v1/minerals/analytics/disruption").then().statusCode(200)
                .body("impacts[0].shareLost", num(0.855172));
        given().queryParam("remove", "XX").get("/api/v1/minerals/analytics/disruption").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("remove"));
        given().get("/api/v1/minerals/analytics/disruption").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void partnerExposureOfAnAgreementsParties() {
        given().queryParam("country", "CD").queryParam("country", "US").queryParam("commodity", "cobalt")
                .get("/api/v1/minerals/analytics/exposure").then().statusCode(200)
                .body("countries", equalTo(List.of("CD", "US")))
                .body("commodities", hasSize(1))
                .body("commodities[0].measures.measure", equalTo(List.of("MINE_PRODUCTION", "RESERVES")))
                .body("commodities[0].measures[0].year", num(2024))
                .body("commodities[0].measures[0].partnersValue", num(220300))
                .body("commodities[0].measures[0].partnersShare", num(0.759655))
                .body("commodities[0].measures[0].byCountry.country", equalTo(List.of("CD", "US")))
                .body("commodities[0].measures[1].partnersShare", num(0.551818));
    }

    @Test
    void handComputedSharesDisruptionAndExposure() {
        given().queryParam("year", 2024).get("/api/v1/minerals/analytics/test-metal/shares").then().statusCode(200)
                .body("hhi", num(4500.0))
                .body("coverage", num(0.9))
                .body("uncoveredShare", num(0.1))
                .body("shares.country", equalTo(List.of("CD", "CN")))
                .body("shares.share", contains(num(0.6), num(0.3))).body("restOfWorld", num(10));
        // 0.06 kt is 60 t: units are converted to the commodity's unit before sharing
        given().queryParam("year", 2023).get("/api/v1/minerals/analytics/test-metal/shares").then().statusCode(200)
                .body("shares[0].value", num(60)).body("shares[0].share", num(0.6));
        // no world row: the denominator is the sum of the rows
        given().queryParam("year", 2022).get("/api/v1/minerals/analytics/test-metal/shares").then().statusCode(200)
                .body("worldTotalBasis", equalTo("SUM_OF_ROWS")).body("worldTotal", num(60))
                .body("hhi", near(100 * 100 * (4.0 / 9 + 1.0 / 9), 0.06));
        given().queryParam("year", 2024).get("/api/v1/minerals/analytics/test-metal/stages").then().statusCode(200)
                .body("stages[1].hhi", num(6800.0));
        given().queryParam("remove", "CD").queryParam("year", 2024).queryParam("commodity", "test-metal")
                .get("/api/v1/minerals/analytics/disruption").then().statusCode(200)
                .body("impacts[0].shareLost", num(0.6))
                .body("impacts[0].hhiBefore", num(4500.0))
                .body("impacts[0].hhiAfter", num(5625.0));
        given().queryParam("country", "CD,US").queryParam("commodity", "test-metal").queryParam("year", 2024)
                .get("/api/v1/minerals/analytics/exposure").then().statusCode(200)
                .body("commodities[0].measures.measure", equalTo(List.of("MINE_PRODUCTION", "REFINERY_PRODUCTION", "RESERVES")))
                .body("commodities[0].measures.partnersShare", contains(num(0.6), num(0), num(0.5)));
    }

    static final String RISK = """
            {"year": 2024, "governance": [{"country": "CD", "score": 8}, {"country": "CN", "score": 6}, {"country": "FI", "score": 1}],
             "importReliance": 0.8, "eolRecyclingInputRate": 0.1, "substitutionIndex": 0.9, "economicImportance": 3.0,
             "euSourcing": [{"country": "CN", "share": 0.5}, {"country": "CD", "share": 0.25}]}
            """;

    @Test
    void supplyRiskComputedByHand() {
        // extraction: HHI_GS = .36*8 + .09*6 = 3.42; HHI_EU = .25*6 + .0625*8 = 2.0; [3.42*.4 + 2*.6] * .9 * .9 = 2.08008
        // processing: HHI_GS = .64*6 + .04*1 = 3.88; [3.88*.4 + 2*.6] * .81 = 2.22912 -> decisive
        given().contentType(ContentType.JSON).body(RISK).post("/api/v1/minerals/analytics/test-metal/supply-risk")
                .then().statusCode(200)
                .body("stages", hasSize(2))
                .body("stages[0].stage", equalTo("EXTRACTION"))
                .body("stages[0].hhiWgiGlobal", num(3.42))
                .body("stages[0].hhiWgiEu", num(2.0))
                .body("stages[0].supplyRisk", num(2.08008))
                .body("stages[0].coverage", num(0.9))
                .body("stages[1].stage", equalTo("PROCESSING"))
                .body("stages[1].hhiWgiGlobal", num(3.88))
                .body("stages[1].supplyRisk", num(2.22912))
                .body("supplyRisk", num(2.22912))
                .body("decisiveStage", equalTo("PROCESSING"))
                .body("crossesSupplyRiskThreshold", equalTo(true))
                .body("crossesEconomicImportanceThreshold", equalTo(true))
                .body("critical", equalTo(true));
        // without an EU sourcing mix the global mix stands in; a trade restriction multiplies a country's term
        String noEu = RISK.replace("\"euSourcing\": [{\"country\": \"CN\", \"share\": 0.5}, {\"country\": \"CD\", \"share\": 0.25}]",
                "\"tradeRestrictions\": [{\"country\": \"CN\", \"factor\": 1.5}]");
        // extraction: .36*8 + .09*6*1.5 = 3.69; SR = 3.69 * .81 = 2.9889
        given().contentType(ContentType.JSON).body(noEu).post("/api/v1/minerals/analytics/test-metal/supply-risk")
                .then().statusCode(200)
                .body("stages[0].euSourcingAssumedGlobal", equalTo(true))
                .body("stages[0].hhiWgiGlobal", num(3.69))
                .body("stages[0].supplyRisk", num(2.9889));
        // economic importance below 2.8: SR crosses, but the material is not critical
        given().contentType(ContentType.JSON).body(RISK.replace("\"economicImportance\": 3.0", "\"economicImportance\": 2.0"))
                .post("/api/v1/minerals/analytics/test-metal/supply-risk").then().statusCode(200)
                .body("critical", equalTo(false)).body("crossesEconomicImportanceThreshold", equalTo(false));
    }

    @Test
    void supplyRiskFromStoredInputs() {
        for (String[] s : new String[][] { { "CD", "8" }, { "CN", "6" }, { "FI", "1" } }) {
            int status = given().contentType(ContentType.JSON).body("{\"score\": " + s[1] + ", \"source\": \"test\"}")
                    .put("/api/v1/minerals/governance-scores/" + s[0] + "/2023").then().extract().statusCode();
            org.junit.jupiter.api.Assertions.assertTrue(status == 201 || status == 428, "status " + status);
        }
        String inputs = """
                {"importReliance": 0.8, "eolRecyclingInputRate": 0.1, "substitutionIndex": 0.9, "economicImportance": 3.0,
                 "euSourcing": [{"country": "CN", "share": 0.5}, {"country": "CD", "share": 0.25}], "tradeRestrictions": [],
                 "source": "hand-made test inputs"}""";
        io.restassured.response.Response put = given().contentType(ContentType.JSON).body(inputs)
                .put("/api/v1/minerals/supply-risk-inputs/test-metal");
        org.junit.jupiter.api.Assertions.assertTrue(put.statusCode() == 201 || put.statusCode() == 428,
                put.statusCode() + " " + put.asString());
        if (put.statusCode() != 201) {
            String etag = given().get("/api/v1/minerals/supply-risk-inputs/test-metal").header("ETag");
            given().contentType(ContentType.JSON).header("If-Match", etag).body(inputs)
                    .put("/api/v1/minerals/supply-risk-inputs/test-metal").then().statusCode(200);
        }
        given().contentType(ContentType.JSON).body("{\"year\": 2024}").post("/api/v1/minerals/analytics/test-metal/supply-risk")
                .then().statusCode(200)
                .body("supplyRisk", num(2.22912))
                .body("stages[0].global.country", equalTo(List.of("CD", "CN")))
                .body("stages[0].global[0].governanceScore", num(8));
        // stored inputs need If-Match to change
        given().contentType(ContentType.JSON).body(inputs).put("/api/v1/minerals/supply-risk-inputs/test-metal")
                .then().statusCode(428).contentType("application/problem+json");
        given().contentType(ContentType.JSON).header("If-Match", "\"999\"").body(inputs)
                .put("/api/v1/minerals/supply-risk-inputs/test-metal").then().statusCode(412);
        given().queryParam("country", "CD").get("/api/v1/minerals/governance-scores").then().statusCode(200)
                .body("items[0].score", num(8));
    }

    @Test
    void supplyRiskNamesWhatIsMissing() {
        given().contentType(ContentType.JSON).body("{\"year\": 2024}").post("/api/v1/minerals/analytics/cobalt/supply-risk")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("importReliance"));
        given().contentType(ContentType.JSON)
                .body("{\"year\": 2024, \"importReliance\": 0.8, \"eolRecyclingInputRate\": 0.2, \"substitutionIndex\": 0.9}")
                .post("/api/v1/minerals/analytics/cobalt/supply-risk")
                .then().statusCode(422).body("type", equalTo("urn:mfs:problem:missing-governance-scores"))
                .body("detail", containsString("ID"));
        given().contentType(ContentType.JSON)
                .body("{\"year\": 2024, \"importReliance\": 1.8, \"eolRecyclingInputRate\": 0.2, \"substitutionIndex\": 0.9}")
                .post("/api/v1/minerals/analytics/cobalt/supply-risk")
                .then().statusCode(400).body("errors.field", hasItem("importReliance"));
        // with a default score for every producer the real cobalt data gives an SR
        Map<String, Object> r = given().contentType(ContentType.JSON)
                .body("{\"year\": 2024, \"importReliance\": 0.8, \"eolRecyclingInputRate\": 0.2, \"substitutionIndex\": 0.9, \"defaultGovernanceScore\": 5}")
                .post("/api/v1/minerals/analytics/cobalt/supply-risk").then().statusCode(200).extract().as(Map.class);
        assertEquals("EXTRACTION", r.get("decisiveStage"));
    }

    @Test
    void unknownCommodityOrNoData() {
        given().get("/api/v1/minerals/analytics/unobtainium/shares").then().statusCode(404)
                .contentType("application/problem+json");
        given().queryParam("year", 1950).get("/api/v1/minerals/analytics/cobalt/shares").then().statusCode(404)
                .body("type", equalTo("urn:mfs:problem:no-statistics"));
        given().queryParam("measure", "SMELTING").get("/api/v1/minerals/analytics/cobalt/shares").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("MINE_PRODUCTION"));
        given().queryParam("edition", "USGS MCS 1999").get("/api/v1/minerals/analytics/cobalt/shares").then().statusCode(404);
    }
}
