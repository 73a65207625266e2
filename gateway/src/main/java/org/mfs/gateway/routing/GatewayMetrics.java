package org.mfs.gateway.routing;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code mfs_gateway_upstream_requests_seconds{service,status}}: every forwarded request by service and the status
 * the client got (including the gateway's own 502/503/504/413), as a latency histogram; and
 * {@code mfs_gateway_responses_streaming}: answer bodies being relayed to a client or read (overview) right now.
 */
@Singleton
public class GatewayMetrics {

    private final MeterRegistry registry;
    /** Timers by service and status (100-599), created on first use; the registry returns the same timer on a race. */
    private final Map<Upstream, Timer[]> timers = new HashMap<>();
    private final AtomicInteger streaming = new AtomicInteger();

    GatewayMetrics(MeterRegistry registry, Upstreams upstreams) {
        this.registry = registry;
        for (Upstream upstream : upstreams.all()) {
            timers.put(upstream, new Timer[600]);
        }
        Gauge.builder("mfs.gateway.responses.streaming", streaming, AtomicInteger::get)
                .description("Answer bodies the gateway is relaying to a client or reading from a service now")
                .register(registry);
    }

    /** Answer bodies being relayed or read now ({@link StreamWatch}). */
    AtomicInteger streaming() {
        return streaming;
    }

    void record(Upstream upstream, int status, long startedNanos) {
        Timer[] byStatus = timers.get(upstream);
        int slot = status >= 100 && status < 600 ? status : 599;
        Timer timer = byStatus[slot];
        if (timer == null) {
            timer = Timer.builder("mfs.gateway.upstream.requests")
                    .description("Requests forwarded by the gateway, by service and the status answered")
                    .tag("service", upstream.name())
                    .tag("status", String.valueOf(status))
                    .publishPercentileHistogram()
                    .register(registry);
            byStatus[slot] = timer;
        }
        timer.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }
}
