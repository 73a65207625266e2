package org.mfs.gateway.routing;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import io.vertx.core.Vertx;

/**
 * Cuts a response body off once it made no progress for {@code stream-idle-timeout}: one Vert.x timer per response,
 * re-armed while bytes keep flowing and cancelled when the body ends, so the silence that triggers it lasts between
 * one and two timeouts.
 * <p>
 * Not {@code HttpClientRequest.idleTimeout}: set after the response head arrived, Vert.x 4 cancels that timer only
 * when the exchange fails, so every completed exchange stayed reachable from a pending timer for the whole timeout.
 * At a few thousand requests a second that filled the gateway's heap and its full collections stalled every
 * request for up to 1.7 s (ADR 0011, update of 2026-11-30).
 */
final class StreamWatch {

    private final Vertx vertx;
    private final long idleMillis;
    private final LongSupplier progress;
    private final Runnable onIdle;
    private final AtomicInteger watched;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile long timer;
    private long seen;

    private StreamWatch(Vertx vertx, long idleMillis, LongSupplier progress, Runnable onIdle, AtomicInteger watched) {
        this.vertx = vertx;
        this.idleMillis = idleMillis;
        this.progress = progress;
        this.onIdle = onIdle;
        this.watched = watched;
    }

    /**
     * Watches a body whose bytes so far {@code progress} counts; {@code onIdle} runs once if it stalls.
     * {@code watched} counts the watches running (the gauge {@code mfs_gateway_responses_streaming}).
     */
    static StreamWatch start(Vertx vertx, long idleMillis, LongSupplier progress, Runnable onIdle, AtomicInteger watched) {
        StreamWatch watch = new StreamWatch(vertx, idleMillis, progress, onIdle, watched);
        watched.incrementAndGet();
        watch.arm();
        return watch;
    }

    private void arm() {
        seen = progress.getAsLong();
        timer = vertx.setTimer(idleMillis, fired -> check());
        if (stopped.get()) {
            vertx.cancelTimer(timer); // stopped while arming
        }
    }

    private void check() {
        if (stopped.get()) {
            return;
        }
        if (progress.getAsLong() != seen) {
            arm();
        } else if (stop()) {
            onIdle.run();
        }
    }

    /** Ends the watch (the body ended, failed or was cut); true for the call that ended it. */
    boolean stop() {
        if (!stopped.compareAndSet(false, true)) {
            return false;
        }
        vertx.cancelTimer(timer);
        watched.decrementAndGet();
        return true;
    }
}
