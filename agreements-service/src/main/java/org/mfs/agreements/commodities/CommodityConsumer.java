package org.mfs.agreements.commodities;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Builds the commodity read model from minerals-service's {@code minerals.commodity.v1} events with a plain Kafka
 * consumer thread. Each record is applied in one transaction with its event id (idempotent); a record that cannot
 * be applied goes to {@code agreements.commodity-dlq.v1} with the reason in header {@code mfs_dlq_reason}. Offsets
 * are committed after the records are applied or dead-lettered (at-least-once; duplicates are skipped by id).
 */
@ApplicationScoped
public class CommodityConsumer {

    public static final String TOPIC = "minerals.commodity.v1";
    public static final String DLQ = "agreements.commodity-dlq.v1";
    public static final String REASON_HEADER = "mfs_dlq_reason";

    private static final Logger LOG = Logger.getLogger(CommodityConsumer.class);

    private final CommodityApplier applier;
    private final String bootstrap;
    private final boolean enabled;
    private final String groupId;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    public CommodityConsumer(CommodityApplier applier, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
            @ConfigProperty(name = "mfs.agreements.commodities.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "mfs.agreements.commodities.group-id", defaultValue = "agreements-service.commodities") String groupId) {
        this.applier = applier;
        this.bootstrap = bootstrap;
        this.enabled = enabled;
        this.groupId = groupId;
    }

    void start(@Observes StartupEvent ev) {
        if (!enabled) {
            return;
        }
        running.set(true);
        thread = new Thread(this::loop, "commodity-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running.set(false);
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        while (running.get()) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumerProps());
                    KafkaProducer<String, String> dlq = new KafkaProducer<>(producerProps())) {
                consumer = c;
                c.subscribe(List.of(TOPIC));
                while (running.get()) {
                    ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(500));
                    for (ConsumerRecord<String, String> r : records) {
                        handle(r, dlq);
                    }
                    if (!records.isEmpty()) {
                        c.commitSync();
                    }
                }
            } catch (WakeupException e) {
                // shutting down
            } catch (RuntimeException e) {
                if (running.get()) {
                    LOG.warnf(e, "commodity consumer failed; restarting in 2 s");
                    sleep(2000);
                }
            }
        }
    }

    private void handle(ConsumerRecord<String, String> r, KafkaProducer<String, String> dlq) {
        String eventId = header(r, "ce_id");
        if (eventId == null) {
            eventId = r.topic() + "/" + r.partition() + "/" + r.offset();
        }
        try {
            applier.apply(eventId, header(r, "ce_type"), r.key(), r.value());
        } catch (CommodityApplier.Unprocessable e) {
            deadLetter(r, dlq, e.getMessage());
        } catch (RuntimeException e) {
            // a database failure: retry the record a few times before giving up on it
            for (int attempt = 1; ; attempt++) {
                sleep(500L * attempt);
                try {
                    applier.apply(eventId, header(r, "ce_type"), r.key(), r.value());
                    return;
                } catch (CommodityApplier.Unprocessable u) {
                    deadLetter(r, dlq, u.getMessage());
                    return;
                } catch (RuntimeException again) {
                    if (attempt >= 5) {
                        throw again;
                    }
                }
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, String> r, KafkaProducer<String, String> dlq, String reason) {
        LOG.warnf("commodity event %s/%d/%d dead-lettered: %s", r.topic(), r.partition(), r.offset(), reason);
        ProducerRecord<String, String> out = new ProducerRecord<>(DLQ, r.key(), r.value());
        for (Header h : r.headers()) {
            out.headers().add(h);
        }
        out.headers().add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        out.headers().add("mfs_dlq_source", (r.topic() + "/" + r.partition() + "/" + r.offset()).getBytes(StandardCharsets.UTF_8));
        try {
            dlq.send(out).get();
        } catch (Exception e) {
            throw new IllegalStateException("dead-letter topic " + DLQ + " unavailable", e);
        }
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private Properties consumerProps() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "5000");
        return p;
    }

    private Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
