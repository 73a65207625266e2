package org.mfs.platform.consumer;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One consumer's meters (Prometheus names), kept per consumer name so a restarted consumer goes on counting:
 * <ul>
 * <li>{@code mfs_consumer_lag_records{consumer}}: records in its partitions it has not read yet, as of its last
 * poll (the sum of Kafka's per-partition lag). A consumer that waits for its database or was stopped does not poll,
 * so the gauge keeps its last value; the group's lag seen from the brokers is the Kafka exporter's
 * {@code kafka_consumergroup_lag} (docs/operations.md);</li>
 * <li>{@code mfs_consumer_events_total{consumer,outcome}}: events applied, and skipped as redeliveries or older
 * than the aggregate's last applied one;</li>
 * <li>{@code mfs_consumer_dead_letters_total{consumer,topic}}: records of {@code topic} sent to the dead-letter
 * topic.</li>
 * </ul>
 */
final class ConsumerMeters {

    private final String consumer;
    private final MeterRegistry registry;
    private final AtomicLong lag = new AtomicLong();
    private final Counter applied;
    private final Counter skipped;
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();

    /**
     * The dead-letter counters of the consumer's topics start at 0 here, not at the first dead letter: a series
     * that appears at 1 has no earlier sample, so Prometheus' {@code increase()} would not see the first one.
     */
    ConsumerMeters(String consumer, Iterable<String> topics, MeterRegistry registry) {
        this.consumer = consumer;
        this.registry = registry;
        topics.forEach(this::deadLetters);
        Gauge.builder("mfs.consumer.lag.records", lag, AtomicLong::get).tag("consumer", consumer)
                .description("records of the consumer's partitions not read yet, as of its last poll").register(registry);
        applied = events("applied");
        skipped = events("skipped");
    }

    private Counter events(String outcome) {
        return Counter.builder("mfs.consumer.events").tag("consumer", consumer).tag("outcome", outcome)
                .description("events applied, or skipped as redeliveries or older than the aggregate's last one")
                .register(registry);
    }

    void applied() {
        applied.increment();
    }

    void skipped() {
        skipped.increment();
    }

    void deadLettered(String topic) {
        deadLetters(topic).increment();
    }

    private Counter deadLetters(String topic) {
        return deadLetters.computeIfAbsent(topic, t -> Counter.builder("mfs.consumer.dead.letters")
                .tag("consumer", consumer).tag("topic", t).description("records sent to the dead-letter topic")
                .register(registry));
    }

    /** The lag per partition as the consumer knows it after a poll; partitions whose lag is not known yet count 0. */
    void lag(Iterable<OptionalLong> partitionLags) {
        long sum = 0;
        for (OptionalLong l : partitionLags) {
            sum += l.orElse(0);
        }
        lag.set(sum);
    }
}
