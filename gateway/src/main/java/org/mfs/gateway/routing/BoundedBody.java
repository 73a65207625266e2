package org.mfs.gateway.routing;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * The request body on its way to a service: counts the bytes, stops at the route's limit (for bodies without a
 * declared length), and reports when the last byte has been handed on, which is when the response timeout starts.
 */
final class BoundedBody implements ReadStream<Buffer> {

    private final ReadStream<Buffer> source;
    private final long limit;
    private final Runnable overLimit;
    private final Runnable ended;
    private long count;
    private boolean stopped;

    BoundedBody(ReadStream<Buffer> source, long limit, Runnable overLimit, Runnable ended) {
        this.source = source;
        this.limit = limit;
        this.overLimit = overLimit;
        this.ended = ended;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        if (handler == null) {
            source.handler(null);
        } else {
            source.handler(chunk -> {
                if (stopped) {
                    return;
                }
                count += chunk.length();
                if (count > limit) {
                    stopped = true;
                    overLimit.run();
                } else {
                    handler.handle(chunk);
                }
            });
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> handler) {
        if (handler == null) {
            source.endHandler(null);
        } else {
            source.endHandler(v -> {
                if (!stopped) {
                    handler.handle(v);
                    ended.run();
                }
            });
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        source.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        source.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        source.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        source.fetch(amount);
        return this;
    }
}
