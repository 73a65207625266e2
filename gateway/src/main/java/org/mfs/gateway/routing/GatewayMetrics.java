package org.mfs.gateway.routing;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code mfs_gateway_upstream_requests_seconds{service,status}}: every forwarded request by service and the status
 * the client got (including the gateway's own 502/503/504/413), as a latency histogram.
 */
@Singleton
public class GatewayMetrics {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(Upstream upstream, int status, long startedNanos) {
        String key = upstream.name() + ' ' + status;
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = timers.computeIfAbsent(key, k -> Timer.builder("mfs.gateway.upstream.requests")
                    .description("Requests forwarded by the gateway, by service and the status answered")
                    .tag("service", upstream.name())
                    .tag("status", String.valueOf(status))
                    .publishPercentileHistogram()
                    .register(registry));
        }
        timer.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }
}
