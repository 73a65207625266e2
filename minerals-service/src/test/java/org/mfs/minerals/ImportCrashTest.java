package org.mfs.minerals;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.LocalPostgres;
import org.mfs.platform.infra.RealInfraTestResource;
import org.mfs.platform.infra.SignedInAsAdmin;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * PostgreSQL killed with SIGKILL while a new edition streams into its partition-to-be: the upload is answered 503
 * problem+json with Retry-After, and after the restart nothing of it is left (no facts, no edition, no partition
 * table, no import record, no event), so the same file imports whole once the database is back. The kill lands while
 * the body is still being sent, so the import cannot have committed.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "database", value = "minerals"), @ResourceArg(name = "postgres", value = "dedicated") })
class ImportCrashTest extends SignedInAsAdmin {

    static final String EDITION = "Crash test edition 2032";

    @TestHTTPResource("/")
    URL base;

    @Inject
    TestDb db;

    /** BulkImportTest's 48,000 distinct facts, in an edition of this test. */
    static List<String> lines() {
        return BulkImportTest.lines().stream().map(l -> l.replace(BulkImportTest.EDITION, EDITION)).toList();
    }

    @Test
    void anImportCutByADatabaseCrashLeavesNothingAndCanBeRepeated() throws Exception {
        LocalPostgres pg = RealInfraTestResource.dedicatedPostgres();
        List<String> lines = lines();
        byte[] body = BulkImportTest.file(lines);
        int rows = lines.size();
        String before = db.fingerprint();
        String partitionsBefore = partitions();

        CountDownLatch halfSent = new CountDownLatch(1);
        CountDownLatch killed = new CountDownLatch(1);
        RawUpload.Answer answer;
        try (RawUpload up = new RawUpload(base, "/api/v1/minerals/statistics/imports", body.length, Map.of())) {
            int half = body.length / 2;
            int[] next = { 0 };
            up.send(out -> {
                if (next[0] == half) {
                    out.flush();
                    halfSent.countDown();
                    if (!killed.await(60, TimeUnit.SECONDS)) {
                        return false;
                    }
                }
                int len = Math.min(64 * 1024, (next[0] < half ? half : body.length) - next[0]);
                out.write(body, next[0], len);
                next[0] += len;
                return next[0] < body.length;
            });
            assertTrue(halfSent.await(60, TimeUnit.SECONDS), "the first half of the file was not sent");
            awaitCopyInFlight(pg);
            pg.kill();
            killed.countDown();
            answer = up.answer();
        }
        assertEquals(503, answer.status(), answer.body());
        assertTrue(answer.header("content-type").startsWith("application/problem+json"), answer.headers().toString());
        assertEquals("5", answer.header("retry-after"));

        pg.restart();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (given().get("/api/v1/minerals/commodities").statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "the service did not recover within 60 s of the restart");
            Thread.sleep(250);
        }
        assertEquals(before, fingerprintOnceReachable(), "the crashed import must leave nothing stored");
        assertEquals(partitionsBefore, partitions(), "no partition of the crashed import's edition is left");
        assertEquals(0, db.count("select count(*) from edition where code = '" + EDITION + "'"));

        given().contentType("text/csv").body(body).post("/api/v1/minerals/statistics/imports").then().statusCode(201)
                .body("valuesRead", equalTo(rows)).body("inserted", equalTo(rows));
        assertEquals(rows, db.count("select count(*) from statistic s join edition e on e.id = s.edition_id where e.code = '"
                + EDITION + "'"));
        assertEquals(1, db.count("""
                select count(*) from pg_inherits i join pg_class c on c.oid = i.inhrelid
                where i.inhparent = 'statistic'::regclass
                  and c.relname = 'statistic_e' || (select id from edition where code = '%s')
                """.formatted(EDITION)), "the repeated import's edition has its attached partition");
    }

    /**
     * The fingerprint, read again while the pool still hands out connections opened before the crash (each is
     * dropped when its first use fails).
     */
    private String fingerprintOnceReachable() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return db.fingerprint();
            } catch (IllegalStateException e) {
                assertTrue(System.nanoTime() < deadline, "the database was not reachable again: " + e);
                Thread.sleep(250);
            }
        }
    }

    /** The tables of edition partitions, attached or not. */
    private String partitions() {
        return db.text("select coalesce(string_agg(relname, ',' order by relname), '') from pg_class where relname like 'statistic\\_e%'");
    }

    /** Waits until a COPY of the import is running on the server, so the kill cuts the import in the middle. */
    private static void awaitCopyInFlight(LocalPostgres pg) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("minerals"), LocalPostgres.USER, LocalPostgres.PASSWORD);
                Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet rs = s.executeQuery(
                        "select count(*) from pg_stat_activity where state = 'active' and query ilike 'copy %'")) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
                assertTrue(System.nanoTime() < deadline, "no COPY of the import was seen running");
                Thread.sleep(20);
            }
        }
    }
}
