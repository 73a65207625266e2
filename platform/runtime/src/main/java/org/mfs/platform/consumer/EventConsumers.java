package org.mfs.platform.consumer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mfs.platform.observability.EventTracing;
import org.mfs.platform.outbox.OutboxConfig;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;

/**
 * The one way a service consumes other services' events. Start a consumer at startup:
 *
 * <pre>{@code
 * void start(@Observes StartupEvent ev, EventConsumers consumers) {
 *     consumers.start(ConsumerSpec.of("commodities", "minerals.commodity.v1")
 *             .withDeadLetterTopic("agreements.commodity-dlq.v1").withSources("/minerals-service"),
 *             event -> applier.apply(event));
 * }
 * }</pre>
 *
 * Each consumer is a thread with its own Kafka consumer (group {@code <application>.<name>}, offsets committed after
 * the records are applied or dead-lettered: at-least-once). Every record is handled in its own transaction in which
 * the platform also records the event id (redeliveries are skipped) and the aggregate's {@code ce_sequence} (an event
 * older than the last applied one for its {@code ce_subject} is skipped), so the handler sees each event of an
 * aggregate at most once and never after a newer one. Records that cannot be applied go to the spec's dead-letter
 * topic with the reason: at once for {@link UnprocessableEvent} or a source not in the spec, after
 * {@code mfs.consumer.max-attempts} for any other failure. While the database does not answer, records are kept
 * and retried, never dead-lettered. See docs/adr/0008.
 */
@ApplicationScoped
public class EventConsumers {

    private final ConsumerLedger ledger;
    private final EventTracing tracing;
    private final EventConsumerConfig config;
    private final OutboxConfig topics;
    private final DataSource dataSource;
    private final String bootstrap;
    private final String application;
    private final MeterRegistry registry;
    private final List<RunningConsumer> running = new ArrayList<>();
    private final Map<String, ConsumerMeters> meters = new HashMap<>();

    EventConsumers(ConsumerLedger ledger, EventTracing tracing, EventConsumerConfig config, OutboxConfig topics,
            DataSource dataSource, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
            @ConfigProperty(name = "quarkus.application.name") String application, MeterRegistry registry) {
        this.ledger = ledger;
        this.tracing = tracing;
        this.config = config;
        this.topics = topics;
        this.dataSource = dataSource;
        this.bootstrap = bootstrap;
        this.application = application;
        this.registry = registry;
    }

    /** Starts a consumer thread for {@code spec}; stopped with the application (or by {@link RunningConsumer#stop()}). */
    public synchronized RunningConsumer start(ConsumerSpec spec, EventHandler handler) {
        if (running.stream().anyMatch(r -> r.name().equals(spec.name()) && r.isAlive())) {
            throw new IllegalStateException("a consumer named " + spec.name() + " is already running");
        }
        RunningConsumer consumer = new RunningConsumer(spec, handler, ledger, tracing, config, dataSource, bootstrap,
                spec.groupId().orElse(application + "." + spec.name()), topics,
                meters.computeIfAbsent(spec.name(), name -> new ConsumerMeters(name, spec.topics(), registry)));
        running.add(consumer);
        consumer.start();
        return consumer;
    }

    /** The consumers started in this process. */
    public synchronized List<RunningConsumer> running() {
        return List.copyOf(running);
    }

    void onStop(@Observes ShutdownEvent event) {
        List<RunningConsumer> all;
        synchronized (this) {
            all = List.copyOf(running);
        }
        all.forEach(RunningConsumer::stop);
    }
}
