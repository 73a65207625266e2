package org.mfs.minerals;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mfs.minerals.Num.num;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.platform.infra.KafkaProbe;
import org.mfs.platform.infra.EventSchemas;
import org.mfs.platform.infra.RealInfraTestResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** The USGS file loaded at startup, re-imports that change nothing, editions and revisions, normalized imports. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "minerals"))
class StatisticsImportTest extends SignedInAsAdmin {


    @Inject
    TestDb db;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static byte[] resource(String path) {
        try (InputStream in = StatisticsImportTest.class.getClassLoader().getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ValidatableResponse upload(byte[] csv) {
        return given().contentType("text/csv").body(csv).post("/api/v1/minerals/statistics/imports").then();
    }

    @Test
    void theUsgsFileLoadedAtStartupHoldsTheRealFigures() {
        given().queryParam("commodity", "cobalt").queryParam("country", "CD").queryParam("year", 2024)
                .queryParam("measure", "MINE_PRODUCTION").get("/api/v1/minerals/statistics")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].value", num(220000))
                .body("items[0].unit", equalTo("t"))
                .body("items[0].estimated", equalTo(true))
                .body("items[0].edition", equalTo("USGS MCS 2025"));
        // world total row, thousand-tonne unit of copper, reserves with a lower bound
        given().queryParam("commodity", "copper").queryParam("country", "WORLD").queryParam("year", 2024)
                .queryParam("measure", "REFINERY_PRODUCTION").get("/api/v1/minerals/statistics")
                .then().body("items[0].value", num(27000)).body("items[0].unit", equalTo("kt"));
        given().queryParam("commodity", "rare-earths").queryParam("country", "WORLD").queryParam("measure", "RESERVES")
                .get("/api/v1/minerals/statistics")
                .then().body("items[0].value", num(90000000)).body("items[0].lowerBound", equalTo(true));
        // "estimated 2023" in PROD_NOTES marks 2023 only; a row without it is not estimated for 2023
        assertEquals(1, db.count("""
                select count(*) from statistic s join commodity c on c.id = s.commodity_id
                where c.code = 'copper' and s.area = 'KZ' and s.year = 2023 and s.measure = 'MINE_PRODUCTION' and s.estimated"""));
        assertEquals(1, db.count("""
                select count(*) from statistic s join commodity c on c.id = s.commodity_id
                where c.code = 'copper' and s.area = 'US' and s.year = 2023 and s.measure = 'MINE_PRODUCTION' and not s.estimated"""));
        // USGS names: Burma is MM, Korea, North is KP; the residual row is ROW
        assertEquals(1, db.count("select count(*) from statistic where area = 'MM' and year = 2024 and value = 31000"));
        assertEquals(1, db.count("select count(*) from statistic where area = 'KP' and year = 2024 and value = 8100"));
        assertEquals(1, db.count("""
                select count(*) from statistic s join commodity c on c.id = s.commodity_id
                where c.code = 'cobalt' and s.area = 'ROW' and s.year = 2024 and s.value = 6200"""));
        // notes travel with their values
        assertEquals("Excludes U.S. production.", db.text("""
                select note from statistic s join commodity c on c.id = s.commodity_id
                where c.code = 'lithium' and s.area = 'WORLD' and s.year = 2024 and s.measure = 'MINE_PRODUCTION'"""));
    }

    @Test
    void reimportingTheSameUsgsFileChangesNothingAndReportsEverySkip() throws Exception {
        String before = db.fingerprint();
        byte[] file = resource("data/usgs-mcs2025-world-data-excerpt.csv");
        Map<String, Object> report = upload(file).statusCode(200)
                .body("changed", equalTo(false))
                .body("importId", nullValue())
                .body("format", equalTo("USGS_MCS"))
                .body("rowsRead", equalTo(134))
                .body("inserted", equalTo(0))
                .body("updated", equalTo(0))
                .body("editions", equalTo(List.of("USGS MCS 2025")))
                .body("commodities", hasSize(7))
                .extract().as(Map.class);
        assertEquals(report.get("valuesRead"), report.get("unchanged"));
        assertEquals(db.count("select count(*) from statistic s join edition e on e.id = s.edition_id where e.code = 'USGS MCS 2025'"),
                ((Number) report.get("valuesRead")).longValue());
        assertEquals(before, db.fingerprint(), "re-importing the same file must change nothing");

        String text = json.writeValueAsString(report.get("skipped"));
        JsonNode skipped = json.readTree(text);
        // Lithium, United States: W for 23-24 (withheld), line 93 of the file
        assertTrue(has(skipped, 93, "PROD_2023", "withheld"), text);
        // Germany's copper mine production row is empty throughout
        assertTrue(has(skipped, 22, null, "no value in any column"), text);
        // Tantalum, Congo (Kinshasa): reserves NA
        assertTrue(has(skipped, 129, "RESERVES_2024", "not available"), text);
        // Graphite, Austria: reserves included in the world total
        assertTrue(has(skipped, 74, "RESERVES_2024", "Included in World total"), text);
    }

    private static boolean has(JsonNode skipped, int line, String column, String reason) {
        for (JsonNode s : skipped) {
            if (s.get("line").asInt() == line && (column == null || column.equals(s.path("column").asText()))
                    && s.get("reason").asText().contains(reason)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void anOlderEditionAddsARevisionAndTheNewestStaysTheDefault() throws Exception {
        try (KafkaProbe probe = new KafkaProbe(bootstrap, "minerals.statistics.v1")) {
            byte[] file = resource("imports/mcs2024-tantalum-revision.csv");
            String id = upload(file).statusCode(201)
                    .body("format", equalTo("NORMALIZED"))
                    .body("inserted", equalTo(1))
                    .body("importId", notNullValue())
                    .body("editions", equalTo(List.of("USGS MCS 2024")))
                    .extract().path("importId");
            // a second upload of it changes nothing
            upload(file).statusCode(200).body("changed", equalTo(false)).body("unchanged", equalTo(1));

            given().queryParam("commodity", "tantalum").queryParam("country", "RW").queryParam("year", 2023)
                    .get("/api/v1/minerals/statistics").then().statusCode(200)
                    .body("total", equalTo(1)).body("items[0].value", num(350))
                    .body("items[0].edition", equalTo("USGS MCS 2025"));
            given().queryParam("commodity", "tantalum").queryParam("country", "RW").queryParam("year", 2023)
                    .queryParam("edition", "USGS MCS 2024").get("/api/v1/minerals/statistics").then().statusCode(200)
                    .body("items[0].value", num(520));
            given().queryParam("commodity", "tantalum").queryParam("country", "RW").queryParam("year", 2023)
                    .get("/api/v1/minerals/statistics/history").then().statusCode(200)
                    .body("revisions", hasSize(2))
                    .body("revisions[0].edition", equalTo("USGS MCS 2025"))
                    .body("revisions[0].value", num(350))
                    .body("revisions[0].current", equalTo(true))
                    .body("revisions[1].edition", equalTo("USGS MCS 2024"))
                    .body("revisions[1].value", num(520))
                    .body("revisions[1].current", equalTo(false));
            given().get("/api/v1/minerals/editions").then().statusCode(200)
                    .body("items.code", hasItems("USGS MCS 2024", "USGS MCS 2025"));
            given().get("/api/v1/minerals/statistics/imports/" + id).then().statusCode(200).body("inserted", equalTo(1));

            List<ConsumerRecord<String, String>> events = probe.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(30));
            assertEquals("statistics.imported.v1", KafkaProbe.header(events.get(0), "ce_type"));
            JsonNode payload = json.readTree(events.get(0).value());
            EventSchemas.assertValid("statistics.imported.v1", payload);
            assertEquals("tantalum", payload.get("commodities").get(0).asText());
        }
    }

    @Test
    void aCorrectionWithinAnEditionIsKeptInTheHistory() {
        String base = "commodity,country,year,measure,value,unit,edition\n";
        upload((base + "gold,GH,2015,MINE_PRODUCTION,90,t,Test edition 2016\n").getBytes()).statusCode(201);
        upload((base + "gold,GH,2015,MINE_PRODUCTION,95,t,Test edition 2016\n").getBytes()).statusCode(201)
                .body("updated", equalTo(1)).body("inserted", equalTo(0));
        given().queryParam("commodity", "gold").queryParam("country", "GH").queryParam("year", 2015)
                .get("/api/v1/minerals/statistics/history").then().statusCode(200)
                .body("revisions", hasSize(2))
                .body("revisions[0].value", num(95)).body("revisions[0].kind", equalTo("EDITION"))
                .body("revisions[1].value", num(90)).body("revisions[1].kind", equalTo("CORRECTION"));
    }

    /**
     * A new edition's values go straight into a partition of their own, keys and foreign keys added afterwards
     * (ADR 0103); a file that goes on with another edition, and comes back to the new one, still stores every value
     * once, merges the other edition's, and names a fact given twice across both routes.
     */
    @Test
    void aNewEditionBecomesItsOwnPartitionWhateverFollowsItInTheFile() {
        createCommodity("part-metal", "Partition metal");
        String base = "commodity,country,year,measure,value,unit,edition\n";
        upload((base + "part-metal,GH,2015,MINE_PRODUCTION,90,t,Part edition 2016\n").getBytes()).statusCode(201);
        String file = base
                + "part-metal,GH,2016,MINE_PRODUCTION,10,t,Part edition 2017\n" // new: straight into its partition
                + "part-metal,ML,2016,MINE_PRODUCTION,11,t,Part edition 2017\n"
                + "part-metal,GH,2015,MINE_PRODUCTION,91,t,Part edition 2016\n" // has facts: staged, then merged
                + "part-metal,GH,2014,MINE_PRODUCTION,80,t,Part edition 2016\n"
                + "part-metal,BF,2016,MINE_PRODUCTION,12,t,Part edition 2017\n"; // the new one again, now staged

        String before = db.fingerprint();
        upload((file + "part-metal,ML,2016,MINE_PRODUCTION,13,t,Part edition 2017\n").getBytes()).statusCode(422)
                .body("errors[0].field", equalTo("line 7")).body("errors[0].message", containsString("line 3"));
        assertEquals(before, db.fingerprint(), "a refused file leaves no edition, partition or table behind");

        String importId = upload(file.getBytes()).statusCode(201).body("inserted", equalTo(4))
                .body("updated", equalTo(1)).body("unchanged", equalTo(0)).extract().path("importId");
        String edition = "(select id from edition where code = 'Part edition 2017')";
        assertEquals(1, db.count("select count(*) from pg_inherits where inhparent = 'statistic'::regclass "
                + "and inhrelid = ('statistic_e' || " + edition + ")::regclass"), "the new edition is a partition");
        assertEquals("BF=12:" + importId + ",GH=10:" + importId + ",ML=11:" + importId, db.text("""
                select string_agg(area || '=' || value || ':' || import_id, ',' order by area) from statistic
                where edition_id = %s""".formatted(edition)));
        assertEquals("91", db.text("""
                select value::text from statistic s join edition e on e.id = s.edition_id
                where e.code = 'Part edition 2016' and area = 'GH' and year = 2015"""));
        // the partition's constraints are PostgreSQL's own: a fact of an unknown commodity is refused
        try {
            db.exec("insert into statistic (commodity_id, measure, year, area, edition_id, value, unit) "
                    + "select -1, 'MINE_PRODUCTION', 2016, 'NE', id, 1, 't' from edition "
                    + "where code = 'Part edition 2017'");
            throw new AssertionError("a fact of an unknown commodity was stored in the new partition");
        } catch (IllegalStateException e) {
            assertTrue(e.getCause().getMessage().contains("foreign key"), e.getCause().getMessage());
        }
        upload(file.getBytes()).statusCode(200).body("changed", equalTo(false)).body("unchanged", equalTo(5));
    }

    /**
     * The database's own rule for an area (migration V6 states it without a regular expression): two ASCII capitals,
     * WORLD or ROW, and nothing else, whoever writes the row.
     */
    @Test
    void theDatabaseRefusesAnAreaThatIsNotTwoCapitalsWorldOrRow() {
        createCommodity("area-metal", "Area metal");
        upload("commodity,country,year,measure,value,unit,edition\narea-metal,GH,2018,MINE_PRODUCTION,5,t,Area edition 2019\n"
                .getBytes()).statusCode(201);
        String insert = "insert into statistic (commodity_id, measure, year, area, edition_id, value, unit) "
                + "select c.id, 'MINE_PRODUCTION', 2018, ?, e.id, 1, 't' from commodity c, edition e "
                + "where c.code = 'area-metal' and e.code = 'Area edition 2019'";
        for (String bad : List.of("cd", "Cd", "C1", "C", "CDX", "C@", "[D", "ÀB", "É", "WORL", "world", " CD", "")) {
            try {
                db.exec(insert, bad);
                throw new AssertionError("area '" + bad + "' was stored");
            } catch (IllegalStateException e) {
                assertTrue(e.getCause().getMessage().contains("statistic_area_check"), e.getCause().getMessage());
            }
        }
        for (String good : List.of("AZ", "ZA", "WORLD", "ROW")) {
            db.exec(insert, good);
        }
        assertEquals("AZ,GH,ROW,WORLD,ZA", db.text("""
                select string_agg(area, ',' order by area) from statistic s join commodity c on c.id = s.commodity_id
                where c.code = 'area-metal'"""));
    }

    /** A commodity of the test's own, measured in tonnes, for figures made by hand. */
    private static void createCommodity(String code, String name) {
        given().contentType("application/json").body("""
                {"code": "%s", "name": "%s", "category": "OTHER", "unit": "t",
                 "unitBasis": "metric tons, hand-made test figures", "hsCodes": [], "listings": []}"""
                .formatted(code, name)).post("/api/v1/minerals/commodities").then().statusCode(201);
    }

    @Test
    void statisticsAreFilterableSortableAndPaged() {
        given().queryParam("commodity", "cobalt").queryParam("year", 2024).queryParam("measure", "MINE_PRODUCTION")
                .queryParam("sort", "-value").queryParam("size", 3).get("/api/v1/minerals/statistics")
                .then().statusCode(200)
                .body("items", hasSize(3))
                .body("items[0].country", equalTo("CD"))
                .body("items[1].country", equalTo("ID"))
                .body("total", equalTo(12));
        // WORLD and ROW are totals, not countries: absent from listings unless asked for by name
        given().queryParam("commodity", "cobalt").queryParam("year", 2024).queryParam("measure", "MINE_PRODUCTION")
                .queryParam("size", 100).get("/api/v1/minerals/statistics").then().statusCode(200)
                .body("items.country", not(hasItem("WORLD"))).body("items.country", not(hasItem("ROW")));
        given().queryParam("commodity", "cobalt").queryParam("year", 2024).queryParam("measure", "MINE_PRODUCTION")
                .queryParam("country", "WORLD").get("/api/v1/minerals/statistics").then().statusCode(200)
                .body("items[0].value", num(290000));
        given().queryParam("sort", "colour").get("/api/v1/minerals/statistics").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("sort"));
        given().queryParam("country", "XX1").get("/api/v1/minerals/statistics").then().statusCode(400)
                .body("errors.field", hasItem("country"));
        given().queryParam("commodity", "unobtainium").get("/api/v1/minerals/statistics").then().statusCode(404)
                .body("detail", containsString("unobtainium"));
    }
}
