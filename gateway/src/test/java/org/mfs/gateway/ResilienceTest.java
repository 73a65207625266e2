package org.mfs.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.MetricsScrape;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.platform.infra.TestOidcResource;
import org.mfs.platform.infra.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A service that stops answering (its stub hangs like a SIGSTOPped process) gets 504s after its response timeout, then
 * its circuit breaker opens and it gets 503 at once, while the other services keep answering; once it answers again
 * the gateway closes the breaker by itself.
 */
@QuarkusTest
@QuarkusTestResource(UpstreamStubs.class)
@QuarkusTestResource(TestOidcResource.class)
class ResilienceTest extends SignedInAsAdmin {


    private static final String SERVICE = "security-cooperation-service";

    @TestHTTPResource("/")
    URI gateway;

    @Test
    void hungServiceIsCutOffByItsBreakerOthersUnaffectedAndItRecoversByItself() throws Exception {
        UpstreamStubs.HUNG.add(SERVICE);
        try {
            // the breaker's window (20) of calls in flight at once: each gets a 504 after the 1 s response timeout
            List<CompletableFuture<Response>> calls = new ArrayList<>();
            ExecutorService callers = Executors.newFixedThreadPool(20);
            long started = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> given().when().get("/api/v1/security-cooperation/programmes"),
                        callers));
            }
            for (CompletableFuture<Response> call : calls) {
                Response response = call.get();
                assertEquals(504, response.statusCode(), response.asString());
                assertEquals("application/problem+json", response.contentType());
                assertTrue(response.jsonPath().getString("detail").startsWith(SERVICE + " did not answer within 1 s"));
            }
            callers.shutdown();
            long millis = (System.nanoTime() - started) / 1_000_000;
            // 1 s each, in parallel: never the 30 s of a hang (the margin is for this shared 2-core machine)
            assertTrue(millis < 8000, "20 timed-out calls took " + millis + " ms");

            // the breaker is open: 503 at once, naming the service, with Retry-After. (On a starved machine the
            // 20 answers can spread over more than the breaker's 2 s delay; then the next call is its half-open
            // trial, which times out and opens it again.)
            Response trial = given().when().get("/api/v1/security-cooperation/programmes/p-1");
            if (trial.statusCode() != 503) {
                assertEquals(504, trial.statusCode(), trial.asString());
            }
            started = System.nanoTime();
            given().when().get("/api/v1/security-cooperation/programmes/p-1")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "2")
                    .body("type", equalTo("urn:mfs:problem:upstream-unavailable"))
                    .body("detail", containsString(SERVICE + " is unavailable"));
            millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis < 500, "an open breaker answered after " + millis + " ms");
            // open (1), or already half-open (2) if the 2 s delay passed meanwhile on a slow machine; never closed
            assertTrue(breakerState(SERVICE) >= 1.0, "breaker closed while the service hangs");

            // the other services are not affected
            given().when().get("/api/v1/agreements/a-1").then().statusCode(200).body("service", equalTo("agreements-service"));
            given().when().get("/api/v1/minerals/m-1").then().statusCode(200).body("service", equalTo("minerals-service"));
            assertEquals(0.0, breakerState("agreements-service"));
        } finally {
            UpstreamStubs.HUNG.remove(SERVICE);
        }
        // back: after the breaker's 2 s delay a trial call goes through and closes it
        long deadline = System.currentTimeMillis() + 10_000;
        int status;
        do {
            Thread.sleep(250);
            status = given().when().get("/api/v1/security-cooperation/programmes").statusCode();
        } while (status != 200 && System.currentTimeMillis() < deadline);
        assertEquals(200, status, "the gateway did not recover by itself");
        assertEquals(0.0, breakerState(SERVICE));
    }

    /**
     * A service that closes the connection before answering (it is stopping, or it dropped an idle pooled connection
     * just as the request went out): a GET or HEAD goes once more on a new connection and is answered; a POST is not
     * sent again (it may have been applied) and gets the 502 that says so.
     */
    @Test
    void aReadWhoseConnectionClosesBeforeTheAnswerIsSentAgainAndAWriteIsNot() {
        String read = "read-" + System.nanoTime();
        given().header("X-Stub-Close-Once", read).get("/api/v1/minerals/commodities").then().statusCode(200)
                .body("path", equalTo("/api/v1/minerals/commodities"));
        assertEquals(2, UpstreamStubs.ARRIVALS.get(read).get(), "the GET arrived twice: closed, then answered");

        String head = "head-" + System.nanoTime();
        given().header("X-Stub-Close-Once", head).head("/api/v1/minerals/commodities").then().statusCode(200);
        assertEquals(2, UpstreamStubs.ARRIVALS.get(head).get(), "the HEAD arrived twice");

        String write = "write-" + System.nanoTime();
        given().header("X-Stub-Close-Once", write).contentType("application/json").body("{}")
                .post("/api/v1/minerals/commodities").then().statusCode(502)
                .contentType("application/problem+json")
                .body("detail", containsString("closed the connection before answering"))
                .body("detail", containsString("Idempotency-Key"));
        assertEquals(1, UpstreamStubs.ARRIVALS.get(write).get(), "the POST was sent once");
    }

    @Test
    void uploadThatStreamsLongerThanTheResponseTimeoutIsNotCutOff() throws Exception {
        // 600 KiB sent over about 2.5 s to a route whose response timeout is 1 s: the timeout starts after the last byte
        int size = 600 * 1024;
        InputStream slow = new InputStream() {
            private int sent;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (sent >= size) {
                    return -1;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                int n = Math.min(Math.min(length, 24 * 1024), size - sent);
                sent += n;
                return n;
            }
        };
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(gateway.resolve("/api/v1/agreements"))
                .header("Content-Type", "application/octet-stream")
                .header("Authorization", "Bearer " + TestTokens.admin())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> slow)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"bodyLength\":" + size), response.body());
    }

    /** The gauge mfs_gateway_circuit_breaker_state of a service in /q/metrics. */
    static double breakerState(String service) {
        MetricsScrape metrics = MetricsScrape.now();
        return metrics.value("mfs_gateway_circuit_breaker_state{service=\"" + service + "\"}")
                .orElseThrow(() -> new AssertionError("no breaker gauge for " + service));
    }
}
