package org.mfs.gateway.routing;

import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;

/**
 * Reads a whole answer body from a service into memory, bounded in size and in silence: the one way the gateway
 * holds a body (an HTTP/1.0 client's answer, the parts of the dashboard overview). The future fails with
 * {@link TooLarge} past {@code maxBytes}, with {@link Stalled} after {@code stream-idle-timeout} without a byte
 * ({@link StreamWatch}), or with the connection's error; in the first two cases the exchange is reset, so the
 * service's connection is closed rather than reused half-read.
 */
final class BodyCollector {

    /** The body grew past the limit. */
    static final class TooLarge extends RuntimeException {
        TooLarge(long maxBytes) {
            super("answered more than " + maxBytes + " bytes", null, false, false);
        }
    }

    /** No byte of the body for the idle timeout. */
    static final class Stalled extends RuntimeException {
        Stalled(long idleMillis) {
            super("sent no byte of its answer for " + idleMillis + " ms", null, false, false);
        }
    }

    private BodyCollector() {
    }

    /** Resumes the (paused) response and collects its body. */
    static Future<Buffer> collect(Vertx vertx, HttpClientResponse response, long maxBytes, long idleMillis,
            AtomicInteger watched) {
        Promise<Buffer> result = Promise.promise();
        Buffer body = Buffer.buffer();
        StreamWatch watch = StreamWatch.start(vertx, idleMillis, body::length, () -> {
            response.request().reset();
            result.tryFail(new Stalled(idleMillis));
        }, watched);
        response.handler(chunk -> {
            if (result.future().isComplete()) {
                return;
            }
            if (body.length() + (long) chunk.length() > maxBytes) {
                if (watch.stop()) {
                    response.request().reset();
                    result.tryFail(new TooLarge(maxBytes));
                }
                return;
            }
            body.appendBuffer(chunk);
        });
        response.exceptionHandler(failure -> {
            if (watch.stop()) {
                result.tryFail(failure);
            }
        });
        response.endHandler(ended -> {
            if (watch.stop()) {
                result.tryComplete(body);
            }
        });
        response.resume();
        return result.future();
    }
}
