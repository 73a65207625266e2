package org.mfs.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;

/**
 * A whole body is read as long as it keeps coming and stays under the limit; one that stalls or grows past the limit
 * ends the read with its reason and the connection closed, and no watch is left running.
 */
class BodyCollectorTest {

    private static final long IDLE_MILLIS = 300;
    private static Vertx vertx;
    private static HttpServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        // /steady: 6 chunks, one per 100 ms; /stall: one chunk, then nothing; /big: 3 x 1000 bytes
        server = vertx.createHttpServer().requestHandler(request -> {
            var response = request.response().setChunked(true);
            switch (request.path()) {
                case "/steady" -> {
                    int[] sent = { 0 };
                    vertx.setPeriodic(100, timer -> {
                        response.write("chunk " + (++sent[0]) + "\n");
                        if (sent[0] == 6) {
                            vertx.cancelTimer(timer);
                            response.end();
                        }
                    });
                }
                case "/stall" -> response.write("chunk 1\n");
                default -> response.end(Buffer.buffer(new byte[3000]));
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client = vertx.createHttpClient();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void bodyThatKeepsComingIsReadWholeThoughItTakesLongerThanTheIdleTimeout() throws Exception {
        AtomicInteger watched = new AtomicInteger();
        Buffer body = collect("/steady", 10_000, watched).get(10, TimeUnit.SECONDS);
        assertEquals("chunk 1\nchunk 2\nchunk 3\nchunk 4\nchunk 5\nchunk 6\n", body.toString());
        assertEquals(0, watched.get());
    }

    @Test
    void bodyThatStallsEndsTheReadAfterTheIdleTimeout() throws Exception {
        AtomicInteger watched = new AtomicInteger();
        long started = System.nanoTime();
        Throwable failure = failureOf(collect("/stall", 10_000, watched));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertInstanceOf(BodyCollector.Stalled.class, failure);
        assertTrue(millis >= IDLE_MILLIS, "ended after " + millis + " ms");
        assertEquals(0, watched.get());
    }

    @Test
    void bodyPastTheLimitEndsTheReadWithoutHoldingIt() throws Exception {
        AtomicInteger watched = new AtomicInteger();
        assertInstanceOf(BodyCollector.TooLarge.class, failureOf(collect("/big", 2000, watched)));
        assertEquals(0, watched.get());
        assertArrayEquals(new byte[3000], collect("/big", 3000, watched).get(10, TimeUnit.SECONDS).getBytes());
    }

    private static CompletableFuture<Buffer> collect(String path, long maxBytes, AtomicInteger watched) {
        return client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", path)
                .compose(request -> request.send())
                .compose(response -> {
                    response.pause();
                    return BodyCollector.collect(vertx, response, maxBytes, IDLE_MILLIS, watched);
                })
                .toCompletionStage().toCompletableFuture();
    }

    private static Throwable failureOf(CompletableFuture<Buffer> read) throws Exception {
        try {
            read.get(10, TimeUnit.SECONDS);
            throw new AssertionError("the read succeeded");
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
    }
}
