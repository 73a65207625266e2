package org.mfs.agreements;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.KafkaProbe;
import org.mfs.platform.infra.RealInfraTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * An acknowledged write survives a crash: PostgreSQL (fsync and synchronous_commit on) is killed with SIGKILL while
 * creates are in flight and started again; every create that got a 201 is there, and every event that reached Kafka
 * has its row.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "agreements"))
class CrashDurabilityTest {

    @Inject
    TestDb db;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void everyCreatedAgreementSurvivesAKillOfPostgresAndEveryEventOnKafkaHasItsRow() throws Exception {
        Assumptions.assumeTrue(RealInfraTestResource.hasLocalPostgres(), "needs the PostgreSQL this test run started");
        String marker = "Crash " + UUID.randomUUID();
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            done.add(writers.submit(() -> {
                for (int n = 0; writing.get(); n++) {
                    try {
                        Response r = given().contentType(ContentType.JSON)
                                .body(AgreementApiTest.DRC_US.replace("DRC-US Strategic Partnership",
                                        marker + " " + writer + "-" + n))
                                .post("/api/v1/agreements");
                        if (r.statusCode() == 201) {
                            acknowledged.add(r.jsonPath().getString("id"));
                        }
                    } catch (RuntimeException e) {
                        // the connection broke during the crash: not acknowledged, so no promise
                    }
                }
            }));
        }
        Thread.sleep(2000);
        int beforeCrash = acknowledged.size();
        RealInfraTestResource.crashPostgres();
        Thread.sleep(1000);
        RealInfraTestResource.restartPostgres();
        awaitCreatesSucceedAgain(marker);
        Thread.sleep(1000);
        writing.set(false);
        for (Future<?> f : done) {
            f.get();
        }
        writers.shutdown();

        assertTrue(beforeCrash > 0, "creates were acknowledged before the crash");
        List<String> ids = List.copyOf(acknowledged);
        String in = "('" + String.join("','", ids) + "')";
        assertEquals(ids.size(), db.count("select count(*) from agreement where id::text in " + in),
                "every 201 survived the crash (" + ids.size() + " acknowledged)");
        assertEquals(ids.size(), db.count("select count(*) from outbox_event where aggregate_id in " + in
                + " and event_type = 'agreement.created.v1'"), "with its event");

        try (KafkaProbe probe = new KafkaProbe(bootstrap, "agreements.agreement.v1")) {
            Set<String> wanted = Set.copyOf(ids);
            probe.await(r -> wanted.contains(r.key()), ids.size(), Duration.ofSeconds(120));
            List<ConsumerRecord<String, String>> ours = probe.drain(Duration.ofSeconds(2)).stream()
                    .filter(r -> r.value() != null && r.value().contains(marker)).toList();
            for (ConsumerRecord<String, String> r : ours) {
                assertEquals(1, db.count("select count(*) from agreement where id::text = '" + r.key() + "'"),
                        "the event on Kafka has its row: " + r.key());
            }
            assertTrue(ours.size() >= ids.size());
        }
    }

    private static void awaitCreatesSucceedAgain(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (given().contentType(ContentType.JSON)
                        .body(AgreementApiTest.DRC_US.replace("DRC-US Strategic Partnership", marker + " probe"))
                        .post("/api/v1/agreements").statusCode() == 201) {
                    return;
                }
            } catch (RuntimeException e) {
                // not yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("creates did not succeed again within 90 s of the restart");
    }
}
