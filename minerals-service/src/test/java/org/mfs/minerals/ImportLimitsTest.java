package org.mfs.minerals;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.mfs.minerals.service.StatisticsImporter;
import org.mfs.minerals.service.imports.ImportOptions;
import org.mfs.platform.infra.DatabaseProbe;
import org.mfs.platform.infra.RealInfraTestResource;
import org.mfs.platform.infra.SignedInAsAdmin;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Imports cannot wedge or starve the service (issue 9 item 2), on the real service, PostgreSQL and broker: a huge
 * one-line upload is refused as soon as the line limit is passed, concurrent imports beyond the limit get 429 with
 * Retry-After, a stuck import is cut off and releases its lock and connection, an Error mid-import leaves nothing
 * held, and the other endpoints answer throughout. Own database (its imports would change other tests' figures).
 */
@QuarkusTest
@TestProfile(ImportLimitsProfile.class)
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "minerals_imports"))
class ImportLimitsTest extends SignedInAsAdmin {

    static final String PATH = "/api/v1/minerals/statistics/imports";
    static final String HEADER = "commodity,country,year,measure,value,unit,edition\n";

    @TestHTTPResource("/")
    URL base;


    @Inject
    TestDb db;

    @Inject
    DataSource dataSource;

    @Inject
    StatisticsImporter importer;

    /** Normalized gold rows for Ghana, one per year, in a test edition (values in a test's own range of years). */
    static byte[] rows(int fromYear, int count, int value) {
        StringBuilder b = new StringBuilder(HEADER);
        for (int i = 0; i < count; i++) {
            b.append("gold,GH,").append(fromYear + i).append(",MINE_PRODUCTION,").append(value).append(",t,Limits test 2030\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Uploads {@code body} in {@code pieces} parts, {@code pauseMs} apart. */
    RawUpload.Answer trickle(byte[] body, int pieces, long pauseMs) throws IOException {
        try (RawUpload up = new RawUpload(base, PATH, body.length, Map.of())) {
            int[] next = { 0 };
            int piece = (body.length + pieces - 1) / pieces;
            up.send(out -> {
                int len = Math.min(piece, body.length - next[0]);
                out.write(body, next[0], len);
                out.flush();
                next[0] += len;
                if (next[0] < body.length) {
                    Thread.sleep(pauseMs);
                    return true;
                }
                return false;
            });
            return up.answer();
        }
    }

    long advisoryLocks() {
        // the import's lock only: the outbox relay holds its own turn while it publishes a batch
        return db.count(DatabaseProbe.advisoryLocks(0x6d696e5f696d70L));
    }

    @Test
    void aHugeOneLineFileThenThirtyConcurrentImportsThenANormalOneWhileTheServiceStaysHealthy() throws Exception {
        try (HealthWatch health = new HealthWatch(base, List.of("/api/v1/minerals/commodities", "/q/health/ready"))) {
            // 1. 200 MB in one line, generated while it is sent: refused once the line passes 65,536 characters
            long size = 200L << 20;
            byte[] chunk = new byte[64 << 10]; // "1234567,1234567,…": short fields, one endless line
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = (byte) (i % 8 == 7 ? ',' : '1' + i % 8);
            }
            long started = System.nanoTime();
            try (RawUpload up = new RawUpload(base, PATH, size, Map.of())) {
                long[] sent = { 0 };
                up.send(out -> {
                    int len = (int) Math.min(chunk.length, size - sent[0]);
                    out.write(chunk, 0, len);
                    sent[0] += len;
                    return sent[0] < size;
                });
                RawUpload.Answer a = up.answer();
                long sentWhenAnswered = up.bytesSent.get();
                assertEquals(422, a.status(), a.body());
                assertTrue(a.header("content-type").startsWith("application/problem+json"), a.headers().toString());
                assertTrue(a.body().contains("line 1") && a.body().contains("longer than 65536 characters"), a.body());
                assertTrue(sentWhenAnswered < size / 4, "answered only after " + sentWhenAnswered + " of " + size + " bytes");
            }
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(60), "the refusal took too long");

            // 2. 30 imports at once, each trickling for about 1.5 s: at most one runs, the others get 429 at once
            byte[] body = rows(1961, 15, 7);
            ExecutorService pool = Executors.newFixedThreadPool(30);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<RawUpload.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return trickle(body, 15, 100);
                }));
            }
            go.countDown();
            int stored = 0;
            int refused = 0;
            for (Future<RawUpload.Answer> f : answers) {
                RawUpload.Answer a = f.get(120, TimeUnit.SECONDS);
                if (a.status() == 201 || a.status() == 200) {
                    stored++;
                } else {
                    assertEquals(429, a.status(), a.body());
                    assertEquals("2", a.header("retry-after"));
                    assertTrue(a.header("content-type").startsWith("application/problem+json"));
                    assertTrue(a.body().contains("urn:mfs:problem:imports-busy"), a.body());
                    refused++;
                }
            }
            pool.shutdown();
            assertTrue(stored >= 1, "no import got through");
            assertTrue(refused >= 15, "only " + refused + " of 30 concurrent imports were refused");
            assertEquals(15, db.count("""
                    select count(*) from statistic s join edition e on e.id = s.edition_id
                    where e.code = 'Limits test 2030' and s.year between 1961 and 1975 and s.value = 7"""));

            // 3. a normal import afterwards succeeds, and nothing is left holding the import lock
            given().contentType("text/csv").body(rows(1976, 3, 8)).post(PATH).then().statusCode(201)
                    .body("inserted", equalTo(3));
            assertEquals(0, advisoryLocks());
            health.close();
            assertTrue(health.failures.isEmpty(), "other endpoints suffered: " + health.failures);
            assertTrue(health.polls.get() >= 10, "only " + health.polls.get() + " health polls");
        }
    }

    @Test
    void aDeclaredSizeOverTheMaximumIsRefusedBeforeTheBodyIsRead() throws Exception {
        long tooBig = (256L << 20) + 1;
        try (RawUpload up = new RawUpload(base, PATH, tooBig, Map.of())) {
            RawUpload.Answer a = up.answer(); // nothing of the body was sent
            assertEquals(413, a.status(), a.body());
            assertTrue(a.header("content-type").startsWith("application/problem+json"), a.headers().toString());
            assertTrue(a.body().contains("at most 268435456 bytes"), a.body());
        }
        try (RawUpload up = new RawUpload(base, PATH, 1L << 40, Map.of())) { // over any HTTP-level limit too
            RawUpload.Answer a = up.answer();
            assertEquals(413, a.status(), a.body());
            assertTrue(a.header("content-type").startsWith("application/problem+json"), a.headers().toString());
            assertTrue(a.body().contains("urn:mfs:problem:payload-too-large"), a.body());
        }
    }

    @Test
    void aStuckUploadIsCutOffAndReleasesTheLockAndItsConnection() throws Exception {
        String before = db.fingerprint();
        long start = System.nanoTime();
        RawUpload.Answer a = trickle(rows(1981, 20, 9), 20, 1000); // about 19 s, the limit is 10 s
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertEquals(408, a.status(), a.body());
        assertTrue(a.body().contains("urn:mfs:problem:import-timeout"), a.body());
        assertTrue(seconds < 18, "cut off only after " + seconds + " s");
        assertEquals(before, db.fingerprint(), "a cut-off import stores nothing");
        assertEquals(0, advisoryLocks());
        given().contentType("text/csv").body(rows(1991, 2, 9)).post(PATH).then().statusCode(201);
    }

    @Test
    void anImportWaitingForAnotherInstancesLockGets429AndSucceedsOnceItIsFree() throws Exception {
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.execute("select pg_advisory_xact_lock(" + 0x6d696e5f696d70L + ")"); // another instance's import
            }
            long start = System.nanoTime();
            given().contentType("text/csv").body(rows(2001, 2, 10)).post(PATH).then().statusCode(429)
                    .contentType("application/problem+json").header("Retry-After", "2")
                    .body("type", equalTo("urn:mfs:problem:imports-busy"));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "waited too long for the lock");
            other.rollback();
        }
        given().contentType("text/csv").body(rows(2001, 2, 10)).post(PATH).then().statusCode(201);
    }

    @Test
    void anErrorMidImportRollsBackAndLeavesNoLockConnectionOrSlotBehind() throws Exception {
        String before = db.fingerprint();
        byte[] good = rows(2011, 5, 11);
        InputStream failing = new InputStream() {
            int pos;

            @Override
            public int read() {
                if (pos < good.length) {
                    return good[pos++];
                }
                throw new OutOfMemoryError("simulated: the JVM ran out of memory mid-import");
            }
        };
        assertThrows(OutOfMemoryError.class, () -> importer.importFile(failing, ImportOptions.of(null), -1));
        assertEquals(before, db.fingerprint(), "nothing of the failed import is stored");
        assertEquals(0, advisoryLocks());
        assertEquals(0, db.count("""
                select count(*) from pg_stat_activity
                where datname = current_database() and pid <> pg_backend_pid()
                  and (state like 'idle in transaction%' or query ilike 'copy import_stage%' and state = 'active')"""));
        // the import slot is free again: not 429
        given().contentType("text/csv").body(rows(2011, 5, 11)).post(PATH).then().statusCode(201).body("inserted", equalTo(5));
    }
}
