package org.mfs.platform.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;
import org.mfs.platform.kafka.KafkaAdmins;
import org.mfs.platform.outbox.OutboxConfig;

/** The topics of one {@link RunningConsumer} before it subscribes: its dead-letter topic made, the topics it reads there. */
final class ConsumerTopics {

    private static final Logger LOG = Logger.getLogger(ConsumerTopics.class);
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private final ConsumerSpec spec;
    private final String bootstrap;
    private final OutboxConfig topics;

    ConsumerTopics(ConsumerSpec spec, String bootstrap, OutboxConfig topics) {
        this.spec = spec;
        this.bootstrap = bootstrap;
        this.topics = topics;
    }

    /**
     * Creates the dead-letter topic unless it exists, so a dead letter never waits on a missing topic; then waits
     * until the topics read exist. Each is created by the service that produces it when that one starts, which may
     * be after this one (the local stack starts every service at once): subscribed to a missing topic, the Kafka
     * client logs a warning at each metadata refresh until it appears. Waiting loses nothing (offsets reset to the
     * earliest). When the broker cannot be asked, the consumer subscribes anyway and its loop handles the outage.
     */
    void prepare(BooleanSupplier running, Consumer<Duration> pause) {
        try (Admin admin = KafkaAdmins.open(bootstrap)) {
            Set<String> existing;
            try {
                existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                cannotMakeDeadLetterTopic(e);
                return;
            }
            if (!existing.contains(spec.deadLetterTopic())) {
                createDeadLetterTopic(admin);
            }
            awaitTopics(admin, existing, running, pause);
        }
    }

    private void createDeadLetterTopic(Admin admin) {
        try {
            admin.createTopics(List.of(topics.newTopic(spec.deadLetterTopic()))).all().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (!(e.getCause() instanceof TopicExistsException)) {
                cannotMakeDeadLetterTopic(e);
            }
        }
    }

    /** Returns once every topic read is among those listed, when the broker cannot be asked, or when stopped. */
    private void awaitTopics(Admin admin, Set<String> listed, BooleanSupplier running, Consumer<Duration> pause) {
        Set<String> existing = listed;
        boolean told = false;
        while (running.getAsBoolean()) {
            List<String> missing = missing(existing);
            if (missing.isEmpty()) {
                if (told) {
                    LOG.infof("consumer %s: topics %s exist now; reading them", spec.name(), spec.topics());
                }
                return;
            }
            if (!told) {
                LOG.infof("consumer %s: waiting for topics %s, created by the service that produces them when it starts",
                        spec.name(), missing);
                told = true;
            }
            pause.accept(CHECK_INTERVAL);
            try {
                existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
        }
    }

    private List<String> missing(Set<String> existing) {
        return spec.topics().stream().filter(t -> !existing.contains(t)).toList();
    }

    private void cannotMakeDeadLetterTopic(Exception e) {
        LOG.warnf("consumer %s: could not check or create dead-letter topic %s: %s", spec.name(), spec.deadLetterTopic(),
                e.toString());
    }
}
