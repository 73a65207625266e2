package org.mfs.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.mfs.platform.infra.MetricsScrape;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.platform.infra.TestOidcResource;
import org.mfs.platform.infra.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/**
 * An answer's body is relayed as long as it keeps coming, however long it takes, and cut off after
 * {@code stream-idle-timeout} of silence (2 s in tests); every relayed answer is let go when it ends
 * ({@code mfs_gateway_responses_streaming} back to 0, no timer left pending). HTTP/1.0 clients get the body with its
 * length.
 */
@QuarkusTest
@QuarkusTestResource(UpstreamStubs.class)
@QuarkusTestResource(TestOidcResource.class)
class StreamingTest extends SignedInAsAdmin {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/")
    URI gateway;

    @Inject
    Vertx vertx;

    @AfterEach
    void everyAnswerIsLetGo() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        double streaming;
        do {
            streaming = MetricsScrape.now().value("mfs_gateway_responses_streaming").orElseThrow();
            if (streaming == 0) {
                return;
            }
            Thread.sleep(100);
        } while (System.currentTimeMillis() < deadline);
        assertEquals(0.0, streaming, "answers still held by the gateway after they ended");
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = { "amd64", "aarch64" })
    void forwardsOverNettysEpollTransport() {
        // platform/common's choice (ADR 0021): through the gateway on NIO, 45 % of direct
        // throughput; on epoll, 55 %
        assertTrue(vertx.isNativeTransportEnabled(), "Vert.x runs on NIO: Netty's epoll transport did not load");
    }

    @Test
    void completedAnswersLeaveNoTimerBehind() throws Exception {
        // a timer left pending per answer keeps the whole exchange in memory until it fires (the idle timeout): at
        // a few thousand requests a second that filled the gateway's heap (ADR 0011, update of 2026-11-30)
        int before = pendingTimers();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String path = "/api/v1/agreements/" + i;
                calls.add(callers.submit(() -> CLIENT.send(HttpRequest.newBuilder(gateway.resolve(path))
                        .header("Authorization", "Bearer " + TestTokens.admin()).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()));
            }
            for (Future<Integer> call : calls) {
                assertEquals(200, call.get());
            }
        } finally {
            callers.shutdown();
        }
        int after = pendingTimers();
        assertTrue(after - before < 40, "200 answered requests left " + (after - before) + " timers pending");
    }

    @Test
    void answerThatKeepsComingIsRelayedWholeThoughItTakesLongerThanTheIdleTimeout() throws Exception {
        // 9 lines, one every 500 ms: 4 s in all, twice the idle timeout, never 2 s silent
        HttpResponse<String> response = CLIENT.send(trickle("9,500", false), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals(lines(9), response.body());
    }

    @Test
    void answerThatStallsIsCutOffAfterTheIdleTimeout() {
        long started = System.nanoTime();
        // the head and one line arrive, then nothing: the client must not wait for ever
        IOException cut = assertThrows(IOException.class,
                () -> CLIENT.send(trickle("1,0", true), HttpResponse.BodyHandlers.ofString()));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(seconds >= 1.9, "cut after " + seconds + " s, before the 2 s idle timeout: " + cut);
        assertTrue(seconds < 15, "cut only after " + seconds + " s");
    }

    @Test
    void http10ClientGetsTheChunkedAnswerWithItsLength() throws Exception {
        String reply = http10("X-Stub-Response-Bytes: 200000\r\n");
        assertTrue(reply.contains("\r\n\r\n"), "no answer, or no complete head: [" + reply + "]");
        String head = reply.substring(0, reply.indexOf("\r\n\r\n"));
        assertTrue(head.startsWith("HTTP/1.0 200"), head);
        assertTrue(head.toLowerCase().contains("content-length: 200000"), head);
        assertTrue(!head.toLowerCase().contains("transfer-encoding"), head);
        byte[] body = Arrays.copyOfRange(reply.getBytes(StandardCharsets.ISO_8859_1), head.length() + 4, reply.length());
        assertArrayEquals(UpstreamStubs.payload(200000), body);
    }

    @Test
    void http10AnswerLargerThanTheGatewayHoldsIsA502Problem() throws Exception {
        // the gateway holds at most 16 MiB of an answer for an HTTP/1.0 client
        String reply = http10("X-Stub-Response-Bytes: " + (16 * 1024 * 1024 + 1) + "\r\n");
        assertTrue(reply.contains("\r\n\r\n"), "no answer, or no complete head: [" + reply.substring(0, Math.min(200, reply.length())) + "]");
        String head = reply.substring(0, reply.indexOf("\r\n\r\n")).toLowerCase();
        assertTrue(head.startsWith("http/1.0 502"), head);
        assertTrue(head.contains("content-type: application/problem+json"), head);
        assertTrue(head.contains("x-request-id: "), head);
        String body = reply.substring(reply.indexOf("\r\n\r\n") + 4);
        assertTrue(body.contains("urn:mfs:problem:upstream-failed") && body.contains("HTTP/1.1"), body);
    }

    @Test
    void http10AnswerThatStallsIsCutOffWithoutAHalfBody() throws Exception {
        long started = System.nanoTime();
        String reply = http10("X-Stub-Trickle: 2,100\r\nX-Stub-Trickle-Stall: true\r\n");
        double seconds = (System.nanoTime() - started) / 1e9;
        // the gateway collects an HTTP/1.0 answer before sending it: a stalled one is closed without any of it
        assertTrue(!reply.contains("line 1"), reply);
        assertTrue(seconds >= 1.9 && seconds < 15, "closed after " + seconds + " s");
    }

    private HttpRequest trickle(String spec, boolean stall) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve("/api/v1/minerals/trickle"))
                .header("Authorization", "Bearer " + TestTokens.admin())
                .header("X-Stub-Trickle", spec)
                .timeout(Duration.ofSeconds(30));
        if (stall) {
            request.header("X-Stub-Trickle-Stall", "true");
        }
        return request.GET().build();
    }

    /** Timers scheduled on the gateway's Vert.x and not yet fired or cancelled (Vert.x 4 keeps them in one map). */
    private int pendingTimers() throws ReflectiveOperationException {
        Field timeouts = vertx.getClass().getDeclaredField("timeouts");
        timeouts.setAccessible(true);
        return ((Map<?, ?>) timeouts.get(vertx)).size();
    }

    private static String lines(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
    }

    /** One GET over a raw HTTP/1.0 connection, read until the gateway closes it (bytes as ISO-8859-1). */
    private String http10(String headers) throws IOException {
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET /api/v1/minerals/any HTTP/1.0\r\nHost: " + gateway.getHost() + "\r\n"
                    + "Authorization: Bearer " + TestTokens.admin() + "\r\n" + headers + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try {
                in.transferTo(all);
            } catch (IOException reset) {
                // a reset ends the reply like a close; what arrived before it is the reply
            }
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
