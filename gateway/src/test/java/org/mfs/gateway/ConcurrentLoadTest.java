package org.mfs.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.TestOidcResource;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.platform.infra.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * 50 concurrent clients on keep-alive connections send a mix of GET, POST and PATCH through the gateway; every
 * request must get the service's own answer: no 502 (or any other status the gateway made up). The response timeout
 * is 10 s here: the stubs run in the test's own JVM on a shared 2-core machine, where a cold start can take the
 * production 1 s; timeouts have their own tests (RoutingTest, ResilienceTest).
 */
@QuarkusTest
@QuarkusTestResource(UpstreamStubs.class)
@QuarkusTestResource(TestOidcResource.class)
@TestProfile(ConcurrentLoadTest.PatientTimeouts.class)
class ConcurrentLoadTest extends SignedInAsAdmin {


    public static class PatientTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mfs.gateway.services.agreements.response-timeout", "10s",
                    "mfs.gateway.services.minerals.response-timeout", "10s",
                    "mfs.gateway.services.security-cooperation.response-timeout", "10s");
        }
    }

    private static final int CLIENTS = 50;
    private static final int REQUESTS_PER_CLIENT = 150;

    @TestHTTPResource("/")
    URI gateway;

    @Test
    void fiftyConcurrentClientsGetNoInventedFailure() throws Exception {
        String bearer = "Bearer " + TestTokens.admin();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> wrongAnswers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(10)).build();
                    for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                        String id = "c" + client + "-" + i;
                        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(switch (i % 3) {
                            case 0 -> "/api/v1/agreements/" + id;
                            case 1 -> "/api/v1/minerals/commodities";
                            default -> "/api/v1/security-cooperation/programmes/" + id;
                        })).timeout(Duration.ofSeconds(30)).header("X-Request-Id", id)
                                .header("Authorization", bearer);
                        String body = "{\"client\":" + client + ",\"i\":" + i + "}";
                        switch (i % 3) {
                            case 0 -> request.GET();
                            case 1 -> request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
                            default -> request.header("Content-Type", "application/json").header("If-Match", "\"1\"")
                                    .method("PATCH", HttpRequest.BodyPublishers.ofString(body));
                        }
                        try {
                            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                            statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                            if (response.statusCode() == 200 && (!response.body().contains("\"x-request-id\":\"" + id + "\"")
                                    || i % 3 != 0 && !response.body().contains("\"body\":\"" + body.replace("\"", "\\\"") + "\""))) {
                                synchronized (wrongAnswers) {
                                    wrongAnswers.add(id + ": " + response.body());
                                }
                            }
                        } catch (Exception e) {
                            statuses.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Map<Integer, Integer> counts = new TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.get()));
        assertEquals(Map.of(200, CLIENTS * REQUESTS_PER_CLIENT), counts, "statuses (-1: no answer) " + counts);
        assertTrue(wrongAnswers.isEmpty(), wrongAnswers.size() + " answers did not belong to their request, e.g. "
                + (wrongAnswers.isEmpty() ? "" : wrongAnswers.get(0)));
    }
}
