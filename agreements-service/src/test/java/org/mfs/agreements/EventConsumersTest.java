package org.mfs.agreements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.mfs.platform.consumer.ConsumerSpec;
import org.mfs.platform.consumer.EventConsumers;
import org.mfs.platform.consumer.ProcessedEventPurge;
import org.mfs.platform.consumer.RunningConsumer;
import org.mfs.platform.consumer.UnprocessableEvent;
import org.mfs.platform.infra.KafkaProbe;
import org.mfs.platform.infra.LogCapture;
import org.mfs.platform.infra.MetricsScrape;
import org.mfs.platform.infra.RealInfraTestResource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The platform consumer itself: order per subject, dead letters to a topic that did not exist, purge of ids. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "agreements"))
class EventConsumersTest {

    @Inject
    EventConsumers consumers;

    @Inject
    ProcessedEventPurge purge;

    @Inject
    EntityManager em;

    @Inject
    TestDb db;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void eventsAreAppliedOnceInSequenceAndTheUnprocessableGoToADeadLetterTopicThatDidNotExist() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String topic = "test.consumer-" + suffix;
        String dlq = "test.consumer-dlq-" + suffix;
        createTopic(topic);
        List<String> applied = new CopyOnWriteArrayList<>();
        RunningConsumer consumer = consumers.start(ConsumerSpec.of("test-" + suffix, topic).withDeadLetterTopic(dlq),
                event -> {
                    if ("poison".equals(event.payload())) {
                        throw new UnprocessableEvent("poison payload");
                    }
                    applied.add(event.subject() + ":" + event.sequence().getAsLong());
                });
        String name = "consumer=\"test-" + suffix + "\"";
        try (KafkaProbe dead = new KafkaProbe(bootstrap, dlq)) {
            // before any dead letter the counter is there at 0, so that an alert on its increase sees the first one
            assertEquals(OptionalDouble.of(0.0),
                    MetricsScrape.now().value("mfs_consumer_dead_letters_total{" + name + ",topic=\"" + topic + "\"}"));
            long start = System.nanoTime();
            send(topic, "a", "id-a1-" + suffix, 1, "x");
            send(topic, "a", "id-a3-" + suffix, 3, "x");
            send(topic, "a", "id-a2-" + suffix, 2, "x");      // older than the last applied: skipped
            send(topic, "a", "id-a3-" + suffix, 3, "x");      // the same id again: skipped
            send(topic, "a", "id-poison-" + suffix, 4, "poison");
            send(topic, "a", "id-a5-" + suffix, 5, "x");
            ConsumerRecord<String, String> letter = dead.await(r -> "a".equals(r.key()), 1, Duration.ofSeconds(30)).get(0);
            assertEquals("poison payload", KafkaProbe.header(letter, "mfs_dlq_reason"));
            assertEquals(topic + "/0/4", KafkaProbe.header(letter, "mfs_dlq_source"));
            awaitTrue(() -> applied.contains("a:5"));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(30)) < 0,
                    "a missing dead-letter topic does not block the consumer for a minute");
            assertEquals(List.of("a:1", "a:3", "a:5"), applied);
            assertEquals(1, consumer.deadLettered());
            assertEquals(2, consumer.skipped());
            // what an operator sees of it at /q/metrics
            MetricsScrape metrics = MetricsScrape.now();
            assertEquals(1.0, metrics.valueOrZero("mfs_consumer_dead_letters_total{" + name + ",topic=\"" + topic + "\"}"));
            assertEquals(3.0, metrics.valueOrZero("mfs_consumer_events_total{" + name + ",outcome=\"applied\"}"));
            assertEquals(2.0, metrics.valueOrZero("mfs_consumer_events_total{" + name + ",outcome=\"skipped\"}"));
        } finally {
            consumer.stop();
        }
    }

    @Test
    void aConsumerStartedBeforeItsTopicExistsWaitsWithoutWarningsAndReadsItFromTheFirstRecord() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String topic = "test.later-" + suffix;
        List<String> applied = new CopyOnWriteArrayList<>();
        RunningConsumer consumer;
        try (LogCapture log = LogCapture.start()) {
            consumer = consumers.start(ConsumerSpec.of("later-" + suffix, topic),
                    event -> applied.add(event.subject() + ":" + event.sequence().getAsLong()));
            try {
                awaitTrue(() -> logged(log, "waiting for topics [" + topic + "]"));
                Thread.sleep(6_000); // longer than the consumer's metadata refresh (5 s), which warned when subscribed
                // the producing service starts: it creates the topic and publishes at once
                createTopic(topic);
                send(topic, "a", "id-first-" + suffix, 1, "x");
                awaitTrue(() -> applied.contains("a:1"));
            } finally {
                consumer.stop();
            }
            List<String> warnings = log.records().stream()
                    .filter(r -> r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
                    .map(r -> r.getLoggerName() + ": " + r.getFormattedMessage())
                    .filter(m -> m.contains(topic)).toList();
            assertEquals(List.of(), warnings);
            assertTrue(logged(log, "topics [" + topic + "] exist now"));
        }
        assertEquals(List.of("a:1"), applied);
    }

    private static boolean logged(LogCapture log, String text) {
        return log.records().stream().anyMatch(r -> r.getFormattedMessage() != null && r.getFormattedMessage().contains(text));
    }

    @Test
    void theLagOfAConsumerThatFallsBehindIsAMetricAndGoesBackToZero() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String topic = "test.lag-" + suffix;
        createTopic(topic);
        sendMany(topic, 250);
        CountDownLatch release = new CountDownLatch(1);
        List<String> applied = new CopyOnWriteArrayList<>();
        RunningConsumer consumer = consumers.start(ConsumerSpec.of("lag-" + suffix, topic).withDeadLetterTopic(topic + "-dlq"),
                event -> {
                    // the first record holds the consumer up, as a slow database would
                    if (!release.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                    applied.add(event.id());
                });
        String lag = "mfs_consumer_lag_records{consumer=\"lag-" + suffix + "\"}";
        try {
            // a poll returns at most 100 records: the other 150 are the lag while the first one is being handled
            awaitTrue(() -> MetricsScrape.now().valueOrZero(lag) >= 150);
            release.countDown();
            awaitTrue(() -> applied.size() == 250);
            awaitTrue(() -> MetricsScrape.now().value(lag).orElse(-1) == 0);
        } finally {
            release.countDown();
            consumer.stop();
        }
    }

    @Test
    void processedIdsArePurgedAfterTheRetentionAndSequencesKept() {
        String consumer = "purge-" + UUID.randomUUID();
        Instant old = Instant.now().minus(8, ChronoUnit.DAYS);
        QuarkusTransaction.requiringNew().run(() -> {
            insert(consumer, "old", old);
            insert(consumer, "recent", Instant.now().minus(1, ChronoUnit.DAYS));
            em.createNativeQuery("insert into consumer_sequence values (:c, 't', 's', 7, :at)").setParameter("c", consumer)
                    .setParameter("at", old).executeUpdate();
        });
        assertTrue(purge.purge() >= 1);
        assertEquals(0, db.count("select count(*) from consumer_processed_event where consumer = '" + consumer + "' and event_id = 'old'"));
        assertEquals(1, db.count("select count(*) from consumer_processed_event where consumer = '" + consumer + "'"));
        assertEquals(7, db.count("select last_sequence from consumer_sequence where consumer = '" + consumer + "'"));
    }

    private void insert(String consumer, String id, Instant at) {
        em.createNativeQuery("insert into consumer_processed_event values (:c, :id, 't', :at)").setParameter("c", consumer)
                .setParameter("id", id).setParameter("at", at).executeUpdate();
    }

    private void createTopic(String topic) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    private void send(String topic, String key, String id, long sequence, String value) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, value);
            r.headers().add("ce_id", id.getBytes(StandardCharsets.UTF_8));
            r.headers().add("ce_source", "/test".getBytes(StandardCharsets.UTF_8));
            r.headers().add("ce_subject", key.getBytes(StandardCharsets.UTF_8));
            r.headers().add("ce_sequence", Long.toString(sequence).getBytes(StandardCharsets.UTF_8));
            producer.send(r).get();
        }
    }

    private void sendMany(String topic, int n) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 1; i <= n; i++) {
                ProducerRecord<String, String> r = new ProducerRecord<>(topic, "k" + i, "x");
                r.headers().add("ce_id", (topic + "-" + i).getBytes(StandardCharsets.UTF_8));
                r.headers().add("ce_source", "/test".getBytes(StandardCharsets.UTF_8));
                r.headers().add("ce_subject", ("k" + i).getBytes(StandardCharsets.UTF_8));
                r.headers().add("ce_sequence", "1".getBytes(StandardCharsets.UTF_8));
                producer.send(r);
            }
            producer.flush();
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(100);
        }
    }
}
