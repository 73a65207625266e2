package org.mfs.platform.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The relay's meters, per topic (Prometheus names): {@code mfs_outbox_published_total}, records Kafka acknowledged;
 * {@code mfs_outbox_publish_failures_total}, records Kafka refused or did not acknowledge in time (they stay in the
 * outbox and are sent again); {@code mfs_outbox_publish_seconds}, a histogram of how long an event took from its
 * write ({@code occurred_at}) to Kafka's acknowledgement, so an operator sees publishing latency and not only the
 * backlog ({@link OutboxBacklog}).
 */
@ApplicationScoped
public class OutboxMetrics {

    private record Meters(Counter published, Counter failures, Timer latency) {
    }

    private final MeterRegistry registry;
    private final Map<String, Meters> byTopic = new ConcurrentHashMap<>();

    /**
     * The meters of the service's own topics start at 0 here, not at their first record: a failure counter that
     * appears at 1 has no earlier sample, so Prometheus' {@code rate()} and {@code increase()} would miss it.
     */
    public OutboxMetrics(MeterRegistry registry, OutboxConfig config) {
        this.registry = registry;
        config.topics().forEach(this::meters);
    }

    /** A record of {@code topic} written at {@code occurredAt} was acknowledged at {@code ackedAt}. */
    void published(String topic, Instant occurredAt, Instant ackedAt) {
        Meters m = meters(topic);
        m.published().increment();
        Duration waited = Duration.between(occurredAt, ackedAt);
        m.latency().record(waited.isNegative() ? Duration.ZERO : waited);
    }

    /** A record of {@code topic} was not acknowledged (refused, timed out, topic missing). */
    void failed(String topic) {
        meters(topic).failures().increment();
    }

    private Meters meters(String topic) {
        return byTopic.computeIfAbsent(topic, t -> new Meters(
                Counter.builder("mfs.outbox.published").tag("topic", t)
                        .description("outbox records published to Kafka (acknowledged)").register(registry),
                Counter.builder("mfs.outbox.publish.failures").tag("topic", t)
                        .description("outbox records Kafka did not acknowledge; they stay unsent and are retried")
                        .register(registry),
                Timer.builder("mfs.outbox.publish").tag("topic", t)
                        .description("time from an event's write to Kafka's acknowledgement of its record")
                        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofMinutes(10)).register(registry)));
    }
}
