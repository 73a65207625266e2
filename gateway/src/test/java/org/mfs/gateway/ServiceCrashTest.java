package org.mfs.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.KafkaProbe;
import org.mfs.platform.infra.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * agreements-service killed with SIGKILL in the middle of creates sent through the gateway, as a dashboard sends
 * them: while it is gone, agreements calls get a 503 problem at once and minerals calls are still answered; once it
 * runs again, every create the gateway answered 201 is there and its event reaches Kafka (the rows its outbox held
 * at the crash included), and every create that got no 201 (a 502 or 504 says "may or may not have been applied",
 * a 503 "not delivered") retried with its Idempotency-Key leaves exactly one agreement. Stopped with SIGTERM instead, as
 * a rolling update stops it, it answers the request it is receiving first.
 */
@QuarkusTest
@TestProfile(OverviewTest.WithRealServices.class)
class ServiceCrashTest {

    private static final String SERVICE = "agreements-service";
    /** A word of every title of this run, unique to it, so each create can be found by the full-text search. */
    private static final String RUN = "crash" + Long.toHexString(System.nanoTime());

    /** One create sent: its key, the word only its title holds, the gateway's status and the id of a 201. */
    private record Sent(String key, String word, int status, String id) {
    }

    @Test
    void acknowledgedCreatesSurviveAKilledServiceAndTheOthersAreSettledByRetryingWithTheirKey() throws Exception {
        String admin = TestTokens.admin();
        awaitAgreementsAnswer(admin, Duration.ofSeconds(180));
        Queue<Sent> sent = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try (KafkaProbe probe = new KafkaProbe(RealServices.kafkaBootstrapServers(), "agreements.agreement.v1")) {
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String word = RUN + "w" + writer + "n" + i;
                        String key = UUID.randomUUID().toString();
                        Response r = create(admin, word, key);
                        sent.add(new Sent(key, word, r.statusCode(), r.statusCode() == 201 ? r.path("id") : null));
                    }
                    return null;
                });
            }
            awaitAcknowledged(sent, 20, Duration.ofSeconds(120));
            RealServices.kill(SERVICE);

            long start = System.nanoTime();
            Response during = given().auth().oauth2(admin).get("/api/v1/agreements");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(503, during.statusCode(), during.asString());
            assertEquals("application/problem+json", during.contentType());
            assertTrue(during.path("detail").toString().contains(SERVICE), during.asString());
            assertTrue(millis < 2000, "the 503 took " + millis + " ms");
            given().auth().oauth2(admin).get("/api/v1/minerals/commodities").then().statusCode(200);
            Thread.sleep(500);
            stop.set(true);
            writers.shutdown();
            assertTrue(writers.awaitTermination(60, TimeUnit.SECONDS), "writers still running");
            Map<Integer, Long> statuses = sent.stream()
                    .collect(Collectors.groupingBy(Sent::status, TreeMap::new, Collectors.counting()));
            assertTrue(Set.of(201, 502, 503, 504).containsAll(statuses.keySet()),
                    "the gateway answered only 201, 502, 503 or 504, not " + statuses);

            RealServices.restart(SERVICE);
            awaitAgreementsAnswer(admin, Duration.ofSeconds(60));
            List<String> acknowledged = sent.stream().filter(s -> s.status() == 201).map(Sent::id).toList();
            for (String id : acknowledged) {
                assertEquals(200, given().auth().oauth2(admin).get("/api/v1/agreements/" + id).statusCode(),
                        "agreement " + id + " was answered 201 before the crash and is gone after it");
            }
            awaitCreatedEvents(probe, Set.copyOf(acknowledged), Duration.ofSeconds(120));

            int replayed = 0;
            for (Sent other : sent.stream().filter(s -> s.status() != 201).toList()) {
                Response retried = create(admin, other.word(), other.key());
                if ("true".equals(retried.header("Idempotent-Replayed"))) {
                    replayed++; // applied before the crash although its caller never heard so
                }
                assertEquals(201, retried.statusCode(), "retry of a create answered " + other.status() + ": "
                        + retried.asString());
                List<String> found = given().auth().oauth2(admin).queryParam("q", other.word())
                        .get("/api/v1/agreements").then().statusCode(200).extract().path("items.id");
                assertEquals(List.of(retried.<String>path("id")), found,
                        "a create answered " + other.status() + " and retried with its key left " + found.size()
                                + " agreements");
            }
            System.out.printf("ServiceCrashTest: gateway answers %s; %d of the creates without a 201 had been applied"
                    + " (their retry was a replay)%n", statuses, replayed);
        } finally {
            stop.set(true);
            writers.shutdownNow();
        }
    }

    /**
     * A rolling update stops a service with SIGTERM. A request it has begun to receive is still answered: here a
     * create whose body is only half sent when the signal comes gets its 201 once the rest arrives (then the service
     * closes the connection and exits), and the agreement is there after the restart. Without the graceful stop the service
     * exits at once and the caller's connection is cut.
     */
    @Test
    void aServiceStoppedForAnUpdateAnswersTheRequestItIsReceiving() throws Exception {
        String admin = TestTokens.admin();
        awaitAgreementsAnswer(admin, Duration.ofSeconds(180));
        String word = RUN + "stop";
        byte[] body = """
                {"title": "Service stop %s", "type": "FRAMEWORK",
                 "parties": [{"country": "CD", "role": "RESOURCE_HOLDER"}, {"country": "US", "role": "INVESTOR_PARTNER"}]}
                """.formatted(word).getBytes(StandardCharsets.UTF_8);
        Process service = null;
        String answer;
        try (Socket socket = new Socket("127.0.0.1", RealServices.port(SERVICE))) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/agreements HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + admin
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 20);
            out.flush();
            Thread.sleep(500);
            service = RealServices.terminate(SERVICE);
            Thread.sleep(1000);
            assertTrue(service.isAlive(), "the service waits for the request it is receiving");
            out.write(body, 20, body.length - 20);
            out.flush();
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            if (service != null) {
                assertTrue(service.waitFor(60, TimeUnit.SECONDS), "the service exits once it has answered");
            }
            RealServices.restart(SERVICE);
        }
        assertTrue(answer.startsWith("HTTP/1.1 201"), "the create in flight was answered: " + answer);
        awaitAgreementsAnswer(admin, Duration.ofSeconds(60));
        List<String> found = given().auth().oauth2(admin).queryParam("q", word).get("/api/v1/agreements").then()
                .statusCode(200).extract().path("items.id");
        assertEquals(1, found.size(), "the create answered 201 during the stop is stored: " + found);
    }

    private static Response create(String token, String word, String key) {
        return given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON).body("""
                {"title": "Service crash %s", "type": "FRAMEWORK",
                 "parties": [{"country": "CD", "role": "RESOURCE_HOLDER"}, {"country": "US", "role": "INVESTOR_PARTNER"}]}
                """.formatted(word)).post("/api/v1/agreements");
    }

    /** Until agreements calls through the gateway are answered (the service ready, the gateway's breaker closed). */
    private static void awaitAgreementsAnswer(String token, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (given().auth().oauth2(token).queryParam("size", 1).get("/api/v1/agreements").statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "agreements calls not answered within " + timeout);
            Thread.sleep(250);
        }
    }

    private static void awaitAcknowledged(Queue<Sent> sent, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sent.stream().filter(s -> s.status() == 201).count() < count) {
            assertTrue(System.nanoTime() < deadline, "fewer than " + count + " creates answered 201: "
                    + sent.stream().collect(Collectors.groupingBy(Sent::status, Collectors.counting())));
            Thread.sleep(50);
        }
    }

    /** Until the created event of each id is on the topic (published more than once is allowed: at least once). */
    private static void awaitCreatedEvents(KafkaProbe probe, Set<String> ids, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Set<String> published = probe.drain(Duration.ofSeconds(1)).stream().filter(ServiceCrashTest::isCreated)
                    .map(ConsumerRecord::key).collect(Collectors.toSet());
            if (published.containsAll(ids)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("created events missing after " + timeout + " for "
                        + ids.stream().filter(id -> !published.contains(id)).toList());
            }
        }
    }

    private static boolean isCreated(ConsumerRecord<String, String> r) {
        String type = KafkaProbe.header(r, "ce_type");
        return type != null && type.startsWith("agreement.created");
    }
}
