package org.mfs.minerals;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.mfs.minerals.Num.num;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mfs.platform.infra.RealInfraTestResource;
import org.mfs.platform.infra.SignedInAsAdmin;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/**
 * The official USGS MCS 2024 cobalt file (U.S. Geological Survey, 2024, Mineral Commodity Summaries 2024 Data
 * Release, doi:10.5066/P9WCYUI6; see src/test/resources/imports/README.md) imports as published: no COMMODITY or
 * UNIT_MEAS column (the commodity from the file name or commodity=), "New Caledonia11" is New Caledonia, and its
 * figures are stored under the 2024 edition beside the 2025 edition's. Own database (shared with
 * {@link ImportLimitsTest}): its 2022 and 2024-edition values would change other tests' figures.
 */
@QuarkusTest
@TestProfile(ImportLimitsProfile.class)
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "minerals_imports"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UsgsMcs2024ImportTest extends SignedInAsAdmin {

    static final String PATH = "/api/v1/minerals/statistics/imports";

    @Inject
    TestDb db;


    static byte[] file() {
        try (InputStream in = UsgsMcs2024ImportTest.class.getClassLoader().getResourceAsStream("imports/mcs2024-cobal_world.csv")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ValidatableResponse value(String country, int year, String measure, String edition) {
        var request = given().queryParam("commodity", "cobalt").queryParam("country", country).queryParam("year", year)
                .queryParam("measure", measure);
        if (edition != null) {
            request = request.queryParam("edition", edition);
        }
        return request.get("/api/v1/minerals/statistics").then().statusCode(200).body("total", equalTo(1));
    }

    /** A stored value as "value unit", straight from the database (world and rest-of-world rows included). */
    String stored(String area, int year, String measure, String edition) {
        return db.text("select s.value::bigint || ' ' || s.unit from statistic s join commodity c on c.id = s.commodity_id"
                + " join edition e on e.id = s.edition_id where c.code = 'cobalt' and s.area = '" + area + "' and s.year = "
                + year + " and s.measure = '" + measure + "' and e.code = '" + edition + "'");
    }

    @Test
    @Order(1)
    void withoutACommodityOrItsFileNameTheProblemSaysWhatToGive() {
        given().contentType("text/csv").body(file()).post(PATH).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("line 1"))
                .body("errors[0].message", containsString("no COMMODITY column"))
                .body("errors[0].message", containsString("commodity="));
        given().contentType("text/csv").queryParam("commodity", "unobtainium").body(file()).post(PATH).then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("commodity"));
        given().contentType("text/csv").queryParam("unit", "furlongs").body(file()).post(PATH).then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("unit"));
    }

    @Test
    @Order(2)
    void theFileAsPublishedImportsUnderItsUsgsFileName() {
        given().contentType("text/csv").header("Content-Disposition", "attachment; filename=\"mcs2024-cobal_world.csv\"")
                .body(file()).post(PATH).then().statusCode(201)
                .body("format", equalTo("USGS_MCS"))
                .body("editions", equalTo(List.of("USGS MCS 2024")))
                .body("commodities", equalTo(List.of("cobalt")))
                .body("rowsRead", equalTo(14))
                .body("valuesRead", equalTo(41)) // 14 rows × (2022, 2023, reserves), New Caledonia's reserves NA
                .body("inserted", equalTo(41))
                .body("skippedCount", equalTo(1))
                .body("skipped[0].line", equalTo(9))
                .body("skipped[0].column", equalTo("Reserves_t"))
                .body("skipped[0].reason", containsString("not available"));

        // the 2024 edition's figures, exactly as published
        assertEquals("230000 t", stored("WORLD", 2023, "MINE_PRODUCTION", "USGS MCS 2024"));
        assertEquals("197000 t", stored("WORLD", 2022, "MINE_PRODUCTION", "USGS MCS 2024"));
        value("CD", 2023, "MINE_PRODUCTION", "USGS MCS 2024").body("items[0].value", num(170000));
        value("CD", 2022, "MINE_PRODUCTION", "USGS MCS 2024").body("items[0].value", num(144000));
        value("US", 2022, "MINE_PRODUCTION", "USGS MCS 2024").body("items[0].value", num(500));
        assertEquals("6600 t", stored("ROW", 2023, "MINE_PRODUCTION", "USGS MCS 2024"));
        // "New Caledonia11": a footnote marker glued to the name
        value("NC", 2022, "MINE_PRODUCTION", "USGS MCS 2024").body("items[0].value", num(2000));
        value("NC", 2023, "MINE_PRODUCTION", "USGS MCS 2024").body("items[0].value", num(3000))
                .body("items[0].note", equalTo("Overseas territory of France."));
        // Reserves_t has no year: the 2024 edition's reserves are those of 2023
        value("CD", 2023, "RESERVES", "USGS MCS 2024").body("items[0].value", num(6000000));
        assertEquals("11000000 t", stored("WORLD", 2023, "RESERVES", "USGS MCS 2024"));

        // the 2025 edition still answers 2023 by default; the history shows both
        assertEquals("238000 t", stored("WORLD", 2023, "MINE_PRODUCTION", "USGS MCS 2025"));
        value("CD", 2023, "MINE_PRODUCTION", null).body("items[0].value", num(175000))
                .body("items[0].edition", equalTo("USGS MCS 2025"));
        given().queryParam("commodity", "cobalt").queryParam("country", "CD").queryParam("year", 2023)
                .get("/api/v1/minerals/statistics/history").then().statusCode(200)
                .body("revisions", hasSize(2))
                .body("revisions[0].edition", equalTo("USGS MCS 2025"))
                .body("revisions[0].value", num(175000))
                .body("revisions[1].edition", equalTo("USGS MCS 2024"))
                .body("revisions[1].value", num(170000));
        given().get("/api/v1/minerals/editions").then().statusCode(200).body("items.code", hasItem("USGS MCS 2024"));
    }

    @Test
    @Order(3)
    void theSameFileWithCommodityGivenAsAParameterChangesNothing() {
        given().contentType("text/csv").queryParam("commodity", "cobalt").queryParam("format", "USGS_MCS")
                .body(file()).post(PATH).then().statusCode(200)
                .body("changed", equalTo(false))
                .body("unchanged", equalTo(41));
    }
}
