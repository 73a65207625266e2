package org.mfs.gateway.routing;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.mfs.gateway.config.GatewayConfig;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;

/**
 * GET requests the gateway itself sends to a service (the dashboard overview composes several), with the same pool,
 * connect timeout, response timeout and circuit breaker as forwarded requests: a stopped service costs at most its
 * response timeout (1 s), an open breaker nothing; an answer is read up to 4 MiB and {@code stream-idle-timeout} of
 * silence ({@link BodyCollector}). The stage never fails: a service's own answer (any status) is an
 * {@link Answer}; no answer at all is an {@link Answer} with {@code status} 0 and the reason in words.
 */
@Singleton
public class UpstreamReads {

    /** Largest answer read from a service (a page of 100 programmes is far below it). */
    private static final int MAX_BODY = 4 * 1024 * 1024;

    /**
     * What a service answered.
     *
     * @param status the service's HTTP status, or 0 when it gave no answer
     * @param body   its body (empty when none)
     * @param reason when {@code status} is 0: why, in words naming the service
     */
    public record Answer(Upstream upstream, int status, Buffer body, String reason) {

        public boolean answered() {
            return status != 0;
        }
    }

    private final Upstreams upstreams;
    private final UpstreamBreakers breakers;
    private final GatewayConfig config;
    private final Vertx vertx;
    private final GatewayMetrics metrics;

    UpstreamReads(Upstreams upstreams, UpstreamBreakers breakers, GatewayConfig config, Vertx vertx,
            GatewayMetrics metrics) {
        this.upstreams = upstreams;
        this.breakers = breakers;
        this.config = config;
        this.vertx = vertx;
        this.metrics = metrics;
    }

    /** The service configured under {@code mfs.gateway.services.<key>}. */
    public Upstream service(String key) {
        String name = config.services().get(key).name();
        return upstreams.all().stream().filter(u -> u.name().equals(name)).findFirst().orElseThrow();
    }

    /** GETs {@code uri} (path and query) from {@code upstream} with {@code headers} (e.g. the caller's Authorization). */
    public CompletionStage<Answer> get(Upstream upstream, String uri, Map<String, String> headers) {
        CompletionStage<HttpClientResponse> exchange;
        try {
            exchange = breakers.call(upstream, () -> send(upstream, uri, headers));
        } catch (RuntimeException e) {
            exchange = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        exchange.whenComplete((response, failure) -> {
            if (failure != null) {
                answer.complete(new Answer(upstream, 0, Buffer.buffer(), reason(upstream, unwrap(failure))));
                return;
            }
            BodyCollector.collect(vertx, response, MAX_BODY, config.streamIdleTimeout().toMillis(), metrics.streaming())
                    .onComplete(body -> {
                        if (body.failed()) {
                            String why = body.cause() instanceof BodyCollector.TooLarge
                                    || body.cause() instanceof BodyCollector.Stalled
                                            ? body.cause().getMessage()
                                            : "broke off its answer: " + body.cause().getMessage();
                            answer.complete(new Answer(upstream, 0, Buffer.buffer(), upstream.name() + " " + why));
                        } else {
                            answer.complete(new Answer(upstream, response.statusCode(), body.result(), null));
                        }
                    });
        });
        return answer;
    }

    /** One exchange up to the response headers, classified for the breaker like the forwarder's. */
    private CompletionStage<HttpClientResponse> send(Upstream upstream, String uri, Map<String, String> headers) {
        CompletableFuture<HttpClientResponse> result = new CompletableFuture<>();
        // the idle timeout of a bodiless GET runs from the moment it is sent: the response timeout
        upstreams.request(upstream, HttpMethod.GET, uri, config.connectTimeout(), upstream.responseTimeout())
                .onComplete(opened -> {
                    if (opened.failed()) {
                        result.completeExceptionally(new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, opened.cause()));
                        return;
                    }
                    var request = opened.result();
                    request.exceptionHandler(ignored -> { });
                    headers.forEach(request::putHeader);
                    request.putHeader(HttpHeaders.ACCEPT, "application/json");
                    request.send().onComplete(sent -> {
                        if (sent.succeeded()) {
                            sent.result().pause();
                            sent.result().exceptionHandler(ignored -> { });
                            result.complete(sent.result());
                        } else {
                            Throwable cause = sent.cause();
                            boolean timedOut = cause instanceof TimeoutException
                                    || cause != null && String.valueOf(cause.getMessage()).contains("timeout");
                            result.completeExceptionally(new UpstreamFailure(
                                    timedOut ? UpstreamFailure.Kind.TIMEOUT : UpstreamFailure.Kind.BROKEN, cause));
                        }
                    });
                });
        return result;
    }

    private String reason(Upstream upstream, Throwable failure) {
        String name = upstream.name();
        if (failure instanceof CircuitBreakerOpenException) {
            return name + " is unavailable: it failed repeatedly just now and is tried again within "
                    + breakers.retryAfterSeconds() + " s";
        }
        if (failure instanceof UpstreamFailure f) {
            return switch (f.kind()) {
                case UNREACHABLE -> name + " is not reachable";
                case TIMEOUT -> name + " did not answer within " + seconds(upstream.responseTimeout().toMillis());
                case BROKEN -> name + " closed the connection before answering";
            };
        }
        return name + " could not be asked: " + failure;
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
