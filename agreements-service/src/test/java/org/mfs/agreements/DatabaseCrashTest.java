package org.mfs.agreements;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.platform.infra.KafkaProbe;
import org.mfs.platform.infra.LocalPostgres;
import org.mfs.platform.infra.RealInfraTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * PostgreSQL killed with SIGKILL in the middle of writes: every create that was answered 201 is still there after
 * the restart and its event reaches Kafka; every event on Kafka has its row; while the database is gone the
 * service answers 503 problem+json with Retry-After within seconds, readiness is DOWN, and it recovers by itself.
 * A restart while the service was quiet costs no request at all.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "database", value = "agreements"), @ResourceArg(name = "postgres", value = "dedicated") })
class DatabaseCrashTest extends SignedInAsAdmin {


    static final String MARK = "Crash test " + System.nanoTime();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void acknowledgedCreatesSurviveAKillAndTheOutageIsA503() throws Exception {
        LocalPostgres pg = RealInfraTestResource.dedicatedPostgres();
        Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(6);
        try (KafkaProbe probe = new KafkaProbe(bootstrap, "agreements.agreement.v1")) {
            for (int w = 0; w < 6; w++) {
                int writer = w;
                writers.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        Response r = given().contentType(ContentType.JSON).body(create(writer + "-" + i))
                                .post("/api/v1/agreements");
                        statuses.merge(r.statusCode(), 1, Integer::sum);
                        if (r.statusCode() == 201) {
                            acknowledged.add(r.path("id"));
                        }
                    }
                    return null;
                });
            }
            awaitCount(acknowledged, 20, Duration.ofSeconds(60));
            pg.kill();

            long start = System.nanoTime();
            Response during = given().get("/api/v1/agreements");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(503, during.statusCode(), during.asString());
            assertEquals("application/problem+json", during.contentType());
            assertEquals("5", during.header("Retry-After"));
            assertTrue(millis < 6000, "the 503 took " + millis + " ms");
            given().get("/q/health/ready").then().statusCode(503);
            Thread.sleep(1000);
            stop.set(true);
            writers.shutdown();
            assertTrue(writers.awaitTermination(60, TimeUnit.SECONDS));
            Set<Integer> seen = statuses.keySet();
            assertTrue(Set.of(201, 503).containsAll(seen), "writers saw only 201 and 503, not " + statuses);

            pg.restart();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (given().get("/api/v1/agreements?size=1").statusCode() != 200) {
                assertTrue(System.nanoTime() < deadline, "the service did not recover within 60 s of the restart");
                Thread.sleep(250);
            }
            List<String> ids = new ArrayList<>(acknowledged);
            for (String id : ids) {
                given().get("/api/v1/agreements/" + id).then().statusCode(200).body("id", equalTo(id));
            }
            // every acknowledged create is published, and every published create of this test has its row
            Set<String> wanted = Set.copyOf(ids);
            probe.await(r -> wanted.contains(r.key()) && isCreated(r), ids.size(), Duration.ofSeconds(90));
            List<String> published = probe.drain(Duration.ofSeconds(2)).stream()
                    .filter(r -> r.value().contains(MARK) && isCreated(r)).map(ConsumerRecord::key).distinct().toList();
            List<String> missing = published.stream().filter(id -> given().get("/api/v1/agreements/" + id).statusCode() != 200)
                    .collect(Collectors.toList());
            assertTrue(missing.isEmpty(), "events on Kafka without their row after the crash: " + missing);
            assertTrue(published.containsAll(ids));
            given().get("/q/health/ready").then().statusCode(200);
        } finally {
            stop.set(true);
            writers.shutdownNow();
        }
    }

    /**
     * A restart that the service did not see happen (a failover, a maintenance restart at a quiet hour, a proxy that
     * dropped idle connections) leaves every pooled connection dead. The first requests after it must not be the ones
     * that find out: each connection idle for more than a second is checked before it is handed out.
     */
    @Test
    void aDatabaseRestartedWhileTheServiceWasQuietCostsNoRequest() throws Exception {
        LocalPostgres pg = RealInfraTestResource.dedicatedPostgres();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            // eight at a time, so that the pool holds eight connections
            assertEquals(Map.of(200, 80), concurrently(clients, 80, () -> given().get("/api/v1/agreements?size=1").statusCode()));
            pg.kill();
            pg.restart();
            Map<Integer, Integer> after = concurrently(clients, 40, () -> given().get("/api/v1/agreements?size=1").statusCode());
            after.putAll(concurrently(clients, 8, () -> given().contentType(ContentType.JSON).body(create("after restart"))
                    .post("/api/v1/agreements").statusCode()));
            assertEquals(Map.of(200, 40, 201, 8), after, "statuses of the first requests after the restart");
        } finally {
            clients.shutdownNow();
        }
    }

    /** Runs {@code n} calls on the pool's threads at once and counts the statuses they got. */
    private static Map<Integer, Integer> concurrently(ExecutorService pool, int n, Callable<Integer> call)
            throws Exception {
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(pool.submit(call));
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (Future<Integer> f : calls) {
            statuses.merge(f.get(60, TimeUnit.SECONDS), 1, Integer::sum);
        }
        return statuses;
    }

    private static boolean isCreated(ConsumerRecord<String, String> r) {
        String type = KafkaProbe.header(r, "ce_type");
        return type != null && type.startsWith("agreement.created");
    }

    private static String create(String n) {
        return """
                {"title": "%s %s", "type": "FRAMEWORK",
                 "parties": [{"country": "CD", "role": "RESOURCE_HOLDER"}, {"country": "US", "role": "INVESTOR_PARTNER"}]}
                """.formatted(MARK, n);
    }

    private static void awaitCount(Queue<?> q, int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (q.size() < n) {
            assertTrue(System.nanoTime() < deadline, "only " + q.size() + " creates before the deadline");
            Thread.sleep(50);
        }
    }
}
