package org.mfs.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes CloudEvents to the real broker as another service's relay would (binary mode, ce_* headers). */
public final class Broker implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final String bootstrap;

    public Broker(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    public void ensureTopic(String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends one event as its producer would (ce_source {@code /<service>} of the topic); returns its ce_id. A null sequence leaves the header out. */
    public String send(String topic, String key, String id, String type, Long sequence, String payload) {
        return send(topic, key, id, type, sequence, payload, Map.of());
    }

    /** As {@link #send(String, String, String, String, Long, String)}, with more headers (e.g. ce_traceparent). */
    public String send(String topic, String key, String id, String type, Long sequence, String payload,
            Map<String, String> moreHeaders) {
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, payload);
        header(r, "ce_specversion", "1.0");
        header(r, "ce_id", id);
        header(r, "ce_source", topic.startsWith("agreements.") ? "/agreements-service" : "/minerals-service");
        header(r, "ce_type", type);
        header(r, "ce_subject", key);
        header(r, "ce_time", java.time.Instant.now().toString());
        if (sequence != null) {
            header(r, "ce_sequence", sequence.toString());
        }
        moreHeaders.forEach((name, value) -> header(r, name, value));
        try {
            producer.send(r).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    public String send(String topic, String key, String type, long sequence, String payload) {
        return send(topic, key, UUID.randomUUID().toString(), type, sequence, payload);
    }

    private static void header(ProducerRecord<String, String> r, String name, String value) {
        r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Waits until the condition holds (the consumers work asynchronously), or fails. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
    }
}
