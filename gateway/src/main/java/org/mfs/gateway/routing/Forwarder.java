package org.mfs.gateway.routing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;
import org.mfs.gateway.config.GatewayConfig;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Forwards one request to the service owning its path and streams the answer back, unchanged apart from
 * hop-by-hop headers, the forwarding headers and the correlation id. Each phase has its own bound: connecting (or
 * waiting for a pooled connection) {@code connect-timeout}; the request body the route's size limit and no time
 * limit (a large upload may take as long as it needs); the response headers the route's response timeout counted
 * from the last byte sent; the response body {@code stream-idle-timeout} of silence. The exchange runs under the
 * service's circuit breaker.
 */
@Singleton
public class Forwarder {

    private static final Logger LOG = Logger.getLogger(Forwarder.class);
    /** The most of an answer held in memory for an HTTP/1.0 client (no chunked encoding: the length comes first). */
    static final long HTTP_1_0_MAX_BODY = 16L * 1024 * 1024;

    private final Vertx vertx;
    private final Upstreams upstreams;
    private final UpstreamBreakers breakers;
    private final RoutePolicies policies;
    private final ForwardedHeaders forwarded;
    private final GatewayMetrics metrics;
    private final Duration connectTimeout;
    private final long streamIdleMillis;

    Forwarder(Vertx vertx, Upstreams upstreams, UpstreamBreakers breakers, RoutePolicies policies,
            ForwardedHeaders forwarded, GatewayMetrics metrics, GatewayConfig config) {
        this.vertx = vertx;
        this.upstreams = upstreams;
        this.breakers = breakers;
        this.policies = policies;
        this.forwarded = forwarded;
        this.metrics = metrics;
        this.connectTimeout = config.connectTimeout();
        this.streamIdleMillis = config.streamIdleTimeout().toMillis();
    }

    public void forward(RoutingContext ctx, Upstream upstream, String requestId) {
        HttpServerRequest in = ctx.request();
        in.pause();
        RoutePolicies.Policy policy = policies.of(ctx.normalizedPath(), upstream);
        String length = in.getHeader(HttpHeaders.CONTENT_LENGTH);
        long declared = -1;
        if (length != null) {
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -2;
            }
            if (declared < 0) {
                Problems.sendBeforeBody(in, Problems.json(400, "bad-request", "Bad Request",
                        "Content-Length must be a non-negative number, got " + length, in.path()));
                return;
            }
        }
        if (declared > policy.maxBodySize()) {
            Problems.sendBeforeBody(in, tooLarge(in, policy));
            return;
        }
        long started = System.nanoTime();
        Exchange exchange = new Exchange(in, upstream, policy, declared, requestId);
        CompletionStage<HttpClientResponse> answer;
        try {
            answer = breakers.call(upstream, exchange::start);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((response, failure) -> {
            if (failure != null) {
                fail(in, upstream, policy, unwrap(failure), started);
            } else {
                relay(in, response, upstream, requestId, started);
            }
        });
    }

    private void relay(HttpServerRequest in, HttpClientResponse response, Upstream upstream, String requestId,
            long started) {
        HttpServerResponse out = in.response();
        if (out.closed() || out.ended()) {
            // only a reset: the response may be complete and its connection already back in the pool serving
            // another request, which closing it would break
            response.request().reset();
            return;
        }
        out.setStatusCode(response.statusCode());
        if (response.statusMessage() != null) {
            out.setStatusMessage(response.statusMessage());
        }
        HopByHop.copy(response.headers(), out.headers());
        out.headers().set(RequestIds.HEADER, requestId);
        int status = response.statusCode();
        boolean bodiless = in.method() == HttpMethod.HEAD || status == 204 || status == 304 || status < 200;
        if (!bodiless && !out.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
            if (in.version() == HttpVersion.HTTP_1_0) {
                // no chunked encoding in HTTP/1.0: the length must be known first
                collectThenSend(in, response, out, upstream, requestId, started);
                return;
            }
            out.setChunked(true);
        }
        StreamWatch watch = StreamWatch.start(vertx, streamIdleMillis, out::bytesWritten, () -> {
            LOG.debugf("%s %s: answer of %s stalled for %d ms; cut off", in.method(), in.path(), upstream.name(),
                    streamIdleMillis);
            response.request().reset();
            out.reset();
        }, metrics.streaming());
        response.pipe().endOnFailure(false).to(out).onComplete(done -> {
            if (watch.stop() && done.failed()) {
                LOG.debugf("%s %s: answer of %s cut off: %s", in.method(), in.path(), upstream.name(), done.cause());
                response.request().reset();
                out.reset();
            }
            metrics.record(upstream, status, started);
        });
    }

    /**
     * For an HTTP/1.0 client: the whole body first (at most {@link #HTTP_1_0_MAX_BODY} bytes), then the answer with
     * its length.
     */
    private void collectThenSend(HttpServerRequest in, HttpClientResponse response, HttpServerResponse out,
            Upstream upstream, String requestId, long started) {
        BodyCollector.collect(vertx, response, HTTP_1_0_MAX_BODY, streamIdleMillis, metrics.streaming()).onComplete(body -> {
            if (body.succeeded()) {
                out.end(body.result());
                metrics.record(upstream, response.statusCode(), started);
            } else if (body.cause() instanceof BodyCollector.TooLarge) {
                out.headers().clear();
                out.headers().set(RequestIds.HEADER, requestId);
                Problems.send(out, Problems.json(502, "upstream-failed", "Upstream service failed",
                        upstream.name() + "'s answer is larger than the " + HTTP_1_0_MAX_BODY / (1024 * 1024)
                                + " MiB the gateway holds for an HTTP/1.0 client; ask again over HTTP/1.1",
                        in.path()));
                metrics.record(upstream, 502, started);
            } else {
                out.reset();
                metrics.record(upstream, response.statusCode(), started);
            }
        });
    }

    private void fail(HttpServerRequest in, Upstream upstream, RoutePolicies.Policy policy, Throwable failure,
            long started) {
        JsonObject problem;
        HttpServerResponse out = in.response();
        String name = upstream.name();
        if (failure instanceof CircuitBreakerOpenException) {
            out.putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(breakers.retryAfterSeconds()));
            problem = Problems.json(503, "upstream-unavailable", "Upstream service unavailable",
                    name + " is unavailable: it failed repeatedly just now and is tried again within "
                            + breakers.retryAfterSeconds() + " s",
                    in.path());
        } else if (failure instanceof UpstreamFailure upstreamFailure) {
            LOG.warnf("%s %s -> %s failed (%s): %s", in.method(), in.path(), name, upstreamFailure.kind(),
                    upstreamFailure.getCause() == null ? "-" : upstreamFailure.getCause().toString());
            problem = switch (upstreamFailure.kind()) {
                case UNREACHABLE -> {
                    out.putHeader(HttpHeaders.RETRY_AFTER, "1");
                    yield Problems.json(503, "upstream-unavailable", "Upstream service unavailable",
                            name + " is not reachable; the request was not delivered", in.path());
                }
                case TIMEOUT -> Problems.json(504, "upstream-timeout", "Upstream service timed out",
                        name + " did not answer within " + seconds(policy.responseTimeout())
                                + "; the request may or may not have been applied: retry it with the same Idempotency-Key",
                        in.path());
                case BROKEN -> Problems.json(502, "upstream-failed", "Upstream service failed",
                        name + " closed the connection before answering; the request may or may not have been applied:"
                                + " retry it with the same Idempotency-Key",
                        in.path());
            };
        } else if (failure instanceof ExchangeAborted aborted) {
            if (aborted.reason() == ExchangeAborted.Reason.CLIENT_GONE) {
                out.reset();
                return;
            }
            problem = tooLarge(in, policy);
        } else {
            LOG.errorf(failure, "%s %s -> %s: unexpected failure", in.method(), in.path(), name);
            problem = Problems.json(502, "upstream-failed", "Upstream service failed",
                    "the gateway could not forward the request to " + name, in.path());
        }
        metrics.record(upstream, problem.getInteger("status"), started);
        Problems.sendBeforeBody(in, problem);
    }

    /**
     * Gives up an exchange with a service before its answer: resets the request and, while its body is still being
     * written, closes its connection. Vert.x closes an HTTP/1.1 connection on reset only once the request has been
     * sent; a request reset mid-body leaves the connection in the pool with half a request on the wire, and the next
     * request sent on it fails (a 502 the gateway made up). Never called once the answer has arrived: by then the
     * connection may already be serving another request.
     */
    private static void abort(HttpClientRequest request, boolean bodyPartlySent, Throwable cause) {
        request.reset(0, cause != null ? cause : new ExchangeAborted(ExchangeAborted.Reason.CLIENT_GONE));
        if (bodyPartlySent) {
            request.connection().close();
        }
    }

    private static JsonObject tooLarge(HttpServerRequest in, RoutePolicies.Policy policy) {
        return Problems.json(413, "payload-too-large", "Payload Too Large",
                "The request body exceeds " + RoutePolicies.describe(policy.maxBodySize()) + ", the limit for "
                        + in.method() + " " + in.path(),
                in.path());
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }

    private static Throwable unwrap(Throwable failure) {
        while (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure;
    }

    /** One request to a service: connect, send headers and body, wait for the response headers. */
    private final class Exchange {

        private final HttpServerRequest in;
        private final Upstream upstream;
        private final RoutePolicies.Policy policy;
        private final long declared;
        private final String requestId;
        private final CompletableFuture<HttpClientResponse> result = new CompletableFuture<>();
        private HttpClientRequest out;
        private long timer = -1;
        private boolean timedOut;
        private boolean tooLarge;
        private boolean clientGone;
        /** The request body is being streamed to the service: started and not yet complete. */
        private boolean writingBody;
        /** Sent a second time already, after its first connection closed before the answer. */
        private boolean resent;

        Exchange(HttpServerRequest in, Upstream upstream, RoutePolicies.Policy policy, long declared, String requestId) {
            this.in = in;
            this.upstream = upstream;
            this.policy = policy;
            this.declared = declared;
            this.requestId = requestId;
        }

        CompletionStage<HttpClientResponse> start() {
            in.response().closeHandler(closed -> {
                if (result.isDone()) {
                    return;
                }
                clientGone = true;
                if (out != null) {
                    abort(out, writingBody, null);
                } else {
                    result.completeExceptionally(new ExchangeAborted(ExchangeAborted.Reason.CLIENT_GONE));
                }
            });
            connect();
            return result;
        }

        private void connect() {
            upstreams.request(upstream, in.method(), in.uri(), connectTimeout).onComplete(opened -> {
                if (opened.failed()) {
                    result.completeExceptionally(new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, opened.cause()));
                } else if (clientGone) {
                    opened.result().reset();
                } else {
                    send(opened.result());
                }
            });
        }

        /**
         * A GET or HEAD without a body whose connection closed before any answer goes once more, on a new connection:
         * it changes nothing, and a service that is stopping or closed an idle connection just as the request was
         * sent (a pooled connection's race) should not cost the caller a 502. Other methods are not sent again: the
         * caller decides, with its Idempotency-Key (ADR 0031).
         */
        private boolean sendAgain(Throwable failure) {
            if (resent || !(failure instanceof UpstreamFailure f) || f.kind() != UpstreamFailure.Kind.BROKEN
                    || (in.method() != HttpMethod.GET && in.method() != HttpMethod.HEAD) || declared > 0
                    || in.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
                return false;
            }
            resent = true;
            LOG.debugf("%s %s: %s closed the connection before answering; sent again on a new connection", in.method(),
                    in.path(), upstream.name());
            connect();
            return true;
        }

        private void send(HttpClientRequest request) {
            out = request;
            // failures arrive through the response future; without a handler Vert.x would log each reset as an error
            out.exceptionHandler(ignored -> { });
            HopByHop.copy(in.headers(), out.headers());
            forwarded.apply(in, out.headers());
            out.headers().set(RequestIds.HEADER, requestId);
            out.response().onComplete(answered -> {
                if (timer != -1) {
                    vertx.cancelTimer(timer);
                }
                if (answered.succeeded()) {
                    // hold the body until it is piped to the client (the breaker may complete on a later turn)
                    answered.result().pause();
                    answered.result().exceptionHandler(ignored -> { });
                    result.complete(answered.result());
                } else {
                    Throwable failure = classify(answered.cause());
                    if (!sendAgain(failure)) {
                        result.completeExceptionally(failure);
                    }
                }
            });
            boolean chunked = in.headers().contains(HttpHeaders.TRANSFER_ENCODING, HttpHeaders.CHUNKED, true);
            if (declared <= 0 && !chunked) {
                if (declared == 0) {
                    out.putHeader(HttpHeaders.CONTENT_LENGTH, "0");
                }
                out.end();
                startResponseTimer();
                return;
            }
            if (declared > 0) {
                out.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(declared));
            } else {
                out.setChunked(true);
            }
            writingBody = true;
            BoundedBody body = new BoundedBody(in, policy.maxBodySize(), () -> {
                tooLarge = true;
                abort(out, writingBody, null);
            }, this::startResponseTimer);
            body.pipe().endOnFailure(false).to(out).onFailure(failed -> {
                if (!tooLarge && in.response().closed()) {
                    clientGone = true;
                }
                abort(out, writingBody, null);
            });
        }

        private void startResponseTimer() {
            writingBody = false;
            if (result.isDone()) {
                return;
            }
            timer = vertx.setTimer(policy.responseTimeout().toMillis(), fired -> {
                timer = -1;
                if (!result.isDone()) {
                    timedOut = true;
                    abort(out, false, new TimeoutException("no answer within " + policy.responseTimeout()));
                }
            });
        }

        private Throwable classify(Throwable cause) {
            if (tooLarge) {
                return new ExchangeAborted(ExchangeAborted.Reason.BODY_TOO_LARGE);
            }
            if (clientGone) {
                return new ExchangeAborted(ExchangeAborted.Reason.CLIENT_GONE);
            }
            return new UpstreamFailure(timedOut ? UpstreamFailure.Kind.TIMEOUT : UpstreamFailure.Kind.BROKEN, cause);
        }
    }
}
