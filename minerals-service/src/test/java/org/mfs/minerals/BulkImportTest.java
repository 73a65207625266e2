package org.mfs.minerals;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.RealInfraTestResource;
import org.mfs.platform.infra.SignedInAsAdmin;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * A large normalized file goes through the COPY path whole: every row is stored with its value, a bad line or a
 * repeated fact deep in the file is named and leaves the stored statistics unchanged, a re-import changes nothing
 * and publishes nothing, and a re-import with one corrected and one new value touches exactly those two.
 * (docs/adr/0103-copy-based-imports.md)
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "minerals"))
class BulkImportTest extends SignedInAsAdmin {

    static final String HEADER = "commodity,country,year,measure,value,unit,edition\n";
    // years long before the real data, one edition of its own: no other test's facts are touched
    static final String EDITION = "Bulk test edition 2031";
    static final String[] COMMODITIES = { "cobalt", "lithium", "copper", "gold" };
    static final String[] MEASURES = { "MINE_PRODUCTION", "REFINERY_PRODUCTION", "RESERVES", "MINE_CAPACITY" };
    static final String[] AREAS;

    static {
        List<String> areas = new ArrayList<>(List.of("WORLD", "ROW"));
        for (String code : java.util.Locale.getISOCountries()) {
            if (areas.size() < 60) {
                areas.add(code);
            }
        }
        AREAS = areas.toArray(String[]::new);
    }

    @Inject
    TestDb db;


    /** The file's data lines (line 2 onwards), 4 × 50 × 4 × 60 = 48,000 distinct facts with distinct values. */
    static List<String> lines() {
        List<String> lines = new ArrayList<>();
        int v = 0;
        for (String c : COMMODITIES) {
            for (int year = 1901; year <= 1950; year++) {
                for (String m : MEASURES) {
                    for (String a : AREAS) {
                        lines.add(c + "," + a + "," + year + "," + m + "," + (++v) + ".5,t," + EDITION);
                    }
                }
            }
        }
        return lines;
    }

    static byte[] file(List<String> lines) {
        return (HEADER + String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static ValidatableResponse upload(byte[] csv) {
        return given().contentType("text/csv").body(csv).post("/api/v1/minerals/statistics/imports").then();
    }

    long stored() {
        return db.count("select count(*) from statistic s join edition e on e.id = s.edition_id where e.code = '"
                + EDITION + "'");
    }

    String storedSum() {
        return db.text("select coalesce(sum(value), 0)::text from statistic s join edition e on e.id = s.edition_id"
                + " where e.code = '" + EDITION + "'");
    }

    /** Rows left in the staging table (an unlogged table that every import empties before it commits). */
    long staged() {
        return db.count("select count(*) from import_stage");
    }

    /** statistics.imported events appended so far, one per import aggregate (published rows leave the outbox). */
    long events() {
        return db.count("select count(*) from outbox_sequence where aggregate_type = 'statistics-import'");
    }

    @Test
    void aLargeFileIsStoredWholeOrNotAtAll() {
        List<String> good = lines();
        int n = good.size();
        // the sum of the values k + 0.5 for k = 1..n
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 1; k <= n; k++) {
            sum = sum.add(new BigDecimal(k + ".5"));
        }
        String expectedSum = sum.toPlainString();

        // 1. a bad value on line 40,001 (deep in the file, long after the first COPY chunks went to PostgreSQL)
        String before = db.fingerprint();
        List<String> bad = new ArrayList<>(good);
        bad.set(40_000 - 1, bad.get(40_000 - 1).replaceFirst(",\\d+\\.5,t,", ",12x,t,"));
        upload(file(bad)).statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("line 40001"))
                .body("errors[0].message", containsString("'12x' is not a number"))
                .body("detail", containsString("Nothing was stored"));
        assertEquals(before, db.fingerprint(), "a file with a bad line must leave everything stored unchanged");
        assertEquals(0, stored());

        // 2. the same fact given twice, far apart, with different values: both lines named, nothing stored
        List<String> twice = new ArrayList<>(good);
        String repeated = good.get(10_000 - 2);
        twice.set(30_000 - 2, repeated.replaceFirst(",\\d+\\.5,t,", ",7,t,"));
        upload(file(twice)).statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("line 30000"))
                .body("errors[0].message", containsString("line 10000"));
        assertEquals(before, db.fingerprint(), "a file with a repeated fact must leave everything stored unchanged");
        assertEquals(0, staged(), "the values staged before the repeat was found are gone with the failed import");

        // 3. the good file: every row stored with its value, one import recorded, one event
        long eventsBefore = events();
        upload(file(good)).statusCode(201).body("changed", equalTo(true)).body("valuesRead", equalTo(n))
                .body("inserted", equalTo(n)).body("updated", equalTo(0)).body("unchanged", equalTo(0));
        assertEquals(n, stored(), "every row of the file is stored");
        assertEquals(expectedSum, storedSum(), "every value is stored as sent");
        assertEquals("12.5", db.text("""
                select s.value::text from statistic s join edition e on e.id = s.edition_id
                join commodity c on c.id = s.commodity_id
                where e.code = '%s' and c.code = 'cobalt' and s.year = 1901 and s.measure = 'MINE_PRODUCTION'
                and s.area = '%s'""".formatted(EDITION, AREAS[11])));
        assertEquals(eventsBefore + 1, events(), "one statistics.imported event for the import");
        assertEquals(0, staged(), "an import leaves nothing in the staging table");

        // 4. the same file again: nothing changes, nothing is recorded, no event
        String afterImport = db.fingerprint();
        upload(file(good)).statusCode(200).body("changed", equalTo(false)).body("importId", nullValue())
                .body("unchanged", equalTo(n)).body("inserted", equalTo(0)).body("updated", equalTo(0));
        assertEquals(afterImport, db.fingerprint(), "a re-import of the same file changes nothing");
        assertEquals(0, staged());

        // 5. one value corrected deep in the file and one new fact: exactly those two are written
        List<String> revised = new ArrayList<>(good);
        revised.set(45_000 - 2, revised.get(45_000 - 2).replaceFirst(",\\d+\\.5,t,", ",3,t,"));
        revised.add("cobalt,CD,1951,MINE_PRODUCTION,42,t," + EDITION);
        long changesBefore = db.count("select count(*) from statistic_change");
        upload(file(revised)).statusCode(201).body("changed", equalTo(true)).body("inserted", equalTo(1))
                .body("updated", equalTo(1)).body("unchanged", equalTo(n - 1));
        assertEquals(n + 1, stored());
        assertEquals(changesBefore + 1, db.count("select count(*) from statistic_change"), "the old value is kept once");
        assertEquals(eventsBefore + 2, events());
    }
}
