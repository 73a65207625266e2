package org.mfs.gateway.routing;

import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.mfs.gateway.config.GatewayConfig;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.vertx.core.http.HttpClientResponse;

/**
 * One SmallRye Fault Tolerance circuit breaker per upstream service (named after the service). Only
 * {@link UpstreamFailure}s count; while a breaker is open, calls fail at once with
 * {@code CircuitBreakerOpenException} and after the delay one trial call is let through. The state of each breaker
 * is the gauge {@code mfs_gateway_circuit_breaker_state{service}} (0 closed, 1 open, 2 half-open).
 */
@Singleton
public class UpstreamBreakers {

    private static final Logger LOG = Logger.getLogger(UpstreamBreakers.class);
    private static final TypeLiteral<CompletionStage<HttpClientResponse>> RESPONSE = new TypeLiteral<>() {
    };

    private final Map<String, Guard> guards = new HashMap<>();
    private final long retryAfterSeconds;
    private final boolean enabled;

    UpstreamBreakers(Upstreams upstreams, GatewayConfig config, MeterRegistry registry) {
        GatewayConfig.CircuitBreaker breaker = config.circuitBreaker();
        this.retryAfterSeconds = Math.max(1, (breaker.delay().toMillis() + 999) / 1000);
        this.enabled = breaker.enabled();
        for (Upstream upstream : upstreams.all()) {
            String name = upstream.name();
            guards.put(name, Guard.create()
                    .withDescription("gateway -> " + name)
                    .withCircuitBreaker()
                    .name(name)
                    .requestVolumeThreshold(breaker.requestVolumeThreshold())
                    .failureRatio(breaker.failureRatio())
                    .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(breaker.successThreshold())
                    .when(failure -> failure instanceof UpstreamFailure)
                    .onStateChange(state -> LOG.warnf("circuit breaker of %s is now %s", name, state))
                    .done()
                    .withThreadOffload(false)
                    .build());
            Gauge.builder("mfs.gateway.circuit.breaker.state", () -> state(name).ordinal())
                    .description("Circuit breaker of an upstream service: 0 closed, 1 open, 2 half-open")
                    .tag("service", name)
                    .register(registry);
        }
    }

    /** Runs one exchange with a service under its breaker; an open breaker fails the stage at once. */
    public CompletionStage<HttpClientResponse> call(Upstream upstream, Supplier<CompletionStage<HttpClientResponse>> exchange) {
        return enabled ? guards.get(upstream.name()).get(exchange, RESPONSE) : exchange.get();
    }

    public CircuitBreakerState state(String serviceName) {
        return CircuitBreakerMaintenance.get().currentState(serviceName);
    }

    /** What an open breaker's 503 tells the client to wait. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
