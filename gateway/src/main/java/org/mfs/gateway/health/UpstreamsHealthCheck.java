package org.mfs.gateway.health;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.mfs.gateway.config.GatewayConfig;
import org.mfs.gateway.routing.Upstream;
import org.mfs.gateway.routing.Upstreams;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;

/**
 * Reports each upstream's readiness as data in {@code /q/health} (wellness group). Always UP: a service being down
 * must not take the gateway out of rotation, the gateway answers 502 problems for that service instead.
 */
@Wellness
@ApplicationScoped
public class UpstreamsHealthCheck implements AsyncHealthCheck {

    private final Upstreams upstreams;
    private final GatewayConfig.Health config;

    UpstreamsHealthCheck(Upstreams upstreams, GatewayConfig config) {
        this.upstreams = upstreams;
        this.config = config.health();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<Upstream> all = upstreams.all();
        List<Future<String>> probes = all.stream().map(this::probe).toList();
        Future<HealthCheckResponse> response = Future.all(probes).map(done -> {
            HealthCheckResponseBuilder builder = HealthCheckResponse.named("upstreams").up();
            for (int i = 0; i < all.size(); i++) {
                builder.withData(all.get(i).name(), probes.get(i).result());
            }
            return builder.build();
        });
        return Uni.createFrom().completionStage(response.toCompletionStage());
    }

    /** "UP", "DOWN (HTTP 503)" when it answers but is not ready, "UNREACHABLE" when it does not answer in time. */
    private Future<String> probe(Upstream upstream) {
        return upstreams.request(upstream, HttpMethod.GET, config.probePath(), config.probeTimeout(), config.probeTimeout())
                .compose(request -> request.send())
                .compose(response -> response.body().map(ignored ->
                        response.statusCode() == 200 ? "UP" : "DOWN (HTTP " + response.statusCode() + ")"))
                .otherwise("UNREACHABLE");
    }
}
