package org.mfs.minerals;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
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
import io.restassured.response.ValidatableResponse;

/** A malformed file is rejected with a problem naming its first bad lines, and nothing at all is stored. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "minerals"))
class StatisticsImportErrorsTest extends SignedInAsAdmin {


    static final String HEADER = "commodity,country,year,measure,value,unit,edition\n";
    static final String GOOD = "cobalt,CD,2030,MINE_PRODUCTION,1,t,Test edition 2031\n";
    static final String USGS_HEADER = "SOURCE,COMMODITY,COUNTRY,TYPE,UNIT_MEAS,PROD_2023,PROD_EST_ 2024,PROD_NOTES,CAP_2023,CAP_EST_ 2024,CAP_NOTES,RESERVES_2024,RESERVE_NOTES\n";

    @Inject
    TestDb db;

    String before;

    @BeforeEach
    void snapshot() {
        before = db.fingerprint();
    }

    @AfterEach
    void nothingWasStored() {
        assertEquals(before, db.fingerprint(), "a rejected import must not change what is stored");
    }

    static ValidatableResponse upload(String csv) {
        return given().contentType("text/csv").body(csv).post("/api/v1/minerals/statistics/imports").then()
                .contentType("application/problem+json").body(not(containsString("Exception")));
    }

    @Test
    void badLinesAreNamedAndTheGoodOnesAreNotStored() {
        upload(HEADER + GOOD + "cobalt,CD,2031,MINE_PRODUCTION,abc,t,Test edition 2031\n"
                + "cobalt,ZZ,2031,MINE_PRODUCTION,5,t,Test edition 2031\n"
                + "unobtainium,CD,2031,MINE_PRODUCTION,5,t,Test edition 2031\n"
                + "cobalt,CD,31,SMELTING,5,furlongs,Test edition\n")
                .statusCode(422)
                .body("type", equalTo("urn:mfs:problem:invalid-import-file"))
                .body("detail", containsString("line 3"))
                .body("detail", containsString("Nothing was stored"))
                .body("errors.field", hasItem("line 3"))
                .body("errors.field", hasItem("line 4"))
                .body("errors.field", hasItem("line 5"))
                .body("errors.field", hasItem("line 6"))
                .body("errors.message", hasItem(containsString("'abc' is not a number")))
                .body("errors.message", hasItem(containsString("'ZZ'")))
                .body("errors.message", hasItem(containsString("unobtainium")))
                .body("errors.message", hasItem(containsString("SMELTING")))
                .body("errors.message", hasItem(containsString("furlongs")));
    }

    @Test
    void theSameValueTwiceInOneFile() {
        upload(HEADER + GOOD + GOOD).statusCode(422).body("errors[0].field", equalTo("line 3"))
                .body("errors[0].message", containsString("line 2"));
    }

    @Test
    void wrongHeaderWrongFieldCountAndBrokenQuotes() {
        upload("commodity,country,year\ncobalt,CD,2024\n").statusCode(422).body("errors[0].field", equalTo("line 1"))
                .body("errors[0].message", containsString("missing"));
        upload(HEADER + "cobalt,CD,2030,MINE_PRODUCTION,1,t\n").statusCode(422).body("errors[0].field", equalTo("line 2"))
                .body("errors[0].message", containsString("fields"));
        upload(HEADER + "cobalt,CD,2030,MINE_PRODUCTION,1,t,\"Test edition 2031\n").statusCode(422)
                .body("errors[0].message", containsString("never closed"));
        upload("").statusCode(422).body("errors[0].message", containsString("empty"));
        upload(HEADER).statusCode(422).body("errors[0].message", containsString("no data rows"));
    }

    @Test
    void theAskedFormatMustMatchTheHeader() {
        given().contentType("text/csv").body(HEADER + GOOD).queryParam("format", "USGS_MCS")
                .post("/api/v1/minerals/statistics/imports").then().statusCode(422)
                .body("errors[0].message", containsString("lacks column(s) SOURCE, TYPE, UNIT_MEAS"))
                .body("errors[0].message", containsString("NORMALIZED"));
        given().contentType("text/csv").body(HEADER + GOOD).queryParam("format", "EXCEL")
                .post("/api/v1/minerals/statistics/imports").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("NORMALIZED"));
    }

    @Test
    void aUsgsFileSentAsNormalizedIsToldWhichNormalizedColumnsAreMissing() {
        given().contentType("text/csv").queryParam("format", "NORMALIZED")
                .body(USGS_HEADER + "MCS2025,Cobalt,Canada,\"Mine production\",metric tons,1,2,,,,,,\n")
                .post("/api/v1/minerals/statistics/imports").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("line 1"))
                .body("errors[0].message", containsString("missing [year, measure, value, unit, edition]"))
                .body("errors[0].message", not(containsString("the header is that of USGS_MCS")));
    }

    @Test
    void linesAndFieldsOverTheirLimitsAndNulCharactersStopTheImport() {
        String longNote = "x".repeat(20_000);
        upload("commodity,country,year,measure,value,unit,edition,note\n"
                + "cobalt,CD,2030,MINE_PRODUCTION,1,t,Test edition 2031,\"" + longNote + "\"\n")
                .statusCode(422).body("errors[0].field", equalTo("line 2"))
                .body("errors[0].message", containsString("field 8 is longer than 16384 characters"));
        StringBuilder wide = new StringBuilder(HEADER + GOOD.strip());
        while (wide.length() < 70_000) {
            wide.append(",").append("y".repeat(10_000));
        }
        upload(wide + "\n").statusCode(422).body("errors[0].field", equalTo("line 2"))
                .body("errors[0].message", containsString("longer than 65536 characters"));
        upload(HEADER + "cobalt,CD,2030,MINE_PRODUCTION,1,t,Test\u0000edition 2031\n").statusCode(422)
                .body("errors[0].field", equalTo("line 2")).body("errors[0].message", containsString("NUL"));
    }

    @Test
    void usgsRowsWithUnknownNamesOrTypes() {
        upload(USGS_HEADER
                + "MCS2025,Cobalt,Atlantis,\"Mine production, cobalt content\",metric tons,1,2,,,,,,\n"
                + "MCS2025,Vibranium,Canada,\"Mine production\",metric tons,1,2,,,,,,\n"
                + "MCS2025,Cobalt,Canada,\"Smuggling\",metric tons,1,2,,,,,,\n"
                + "MCS2025,Cobalt,Canada,\"Mine production\",metric tons,1,lots,,,,,,\n"
                + "MCS,Cobalt,Canada,\"Mine production\",metric tons,1,2,,,,,,\n")
                .statusCode(422)
                .body("errors.field", hasItem("line 2"))
                .body("errors.message", hasItem(containsString("Atlantis")))
                .body("errors.message", hasItem(containsString("Vibranium")))
                .body("errors.message", hasItem(containsString("Smuggling")))
                .body("errors.message", hasItem(containsString("'lots'")))
                .body("errors.message", hasItem(containsString("SOURCE 'MCS'")));
    }

    @Test
    void notUtf8AndNotCsvContentType() {
        byte[] latin1 = (HEADER + "cobalt,CD,2030,MINE_PRODUCTION,1,t,\u00c9dition 2031\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        given().contentType("text/csv").body(latin1).post("/api/v1/minerals/statistics/imports").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].message", containsString("UTF-8"));
        given().contentType("application/json").body("{}").post("/api/v1/minerals/statistics/imports").then()
                .statusCode(415).contentType("application/problem+json");
    }
}
