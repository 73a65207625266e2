package org.mfs.security.consumers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

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
import org.jboss.logging.Logger;

/**
 * A plain Kafka consumer thread for one topic: each record is handed to a handler (which applies it in one transaction
 * with its event id), offsets are committed after the records are applied or dead-lettered (at-least-once; the
 * handler skips duplicates by id). A record the handler calls {@link Unprocessable}, or that still fails after
 * {@value #ATTEMPTS} attempts, goes to the dead-letter topic with the original headers and {@code mfs_dlq_reason}.
 * Same behaviour as agreements-service's commodity consumer; to be replaced by the platform consumer mechanism.
 */
public final class EventConsumer {

    public static final String REASON_HEADER = "mfs_dlq_reason";
    static final int ATTEMPTS = 5;
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final String topic;
    private final String dlq;
    private final String bootstrap;
    private final String groupId;
    private final Function<IncomingEvent, Boolean> handler;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    public EventConsumer(String topic, String dlq, String bootstrap, String groupId, Function<IncomingEvent, Boolean> handler) {
        this.topic = topic;
        this.dlq = dlq;
        this.bootstrap = bootstrap;
        this.groupId = groupId;
        this.handler = handler;
    }

    public synchronized void start() {
        if (running.get()) {
            return;
        }
        running.set(true);
        thread = new Thread(this::loop, "consumer-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops polling (uncommitted records are read again by the next start). */
    public synchronized void stop() {
        running.set(false);
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    private void loop() {
        while (running.get()) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumerProps());
                    KafkaProducer<String, String> dead = new KafkaProducer<>(producerProps())) {
                consumer = c;
                c.subscribe(List.of(topic));
                while (running.get()) {
                    ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(300));
                    for (ConsumerRecord<String, String> r : records) {
                        handle(r, dead);
                    }
                    if (!records.isEmpty()) {
                        c.commitSync();
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                if (running.get()) {
                    LOG.warnf(e, "consumer of %s failed; restarting in 2 s", topic);
                    sleep(2000);
                }
            } finally {
                consumer = null;
            }
        }
    }

    private void handle(ConsumerRecord<String, String> r, KafkaProducer<String, String> dead) {
        String id = header(r, "ce_id");
        Long sequence = null;
        try {
            String s = header(r, "ce_sequence");
            sequence = s == null ? null : Long.valueOf(s.strip());
        } catch (NumberFormatException e) {
            // left null: the handler rejects it
        }
        IncomingEvent event = new IncomingEvent(r.topic(), id == null ? r.topic() + "/" + r.partition() + "/" + r.offset() : id,
                header(r, "ce_type"), r.key(), sequence, r.value());
        for (int attempt = 1; ; attempt++) {
            try {
                handler.apply(event);
                return;
            } catch (Unprocessable u) {
                deadLetter(r, dead, u.getMessage());
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS) {
                    deadLetter(r, dead, "failed " + ATTEMPTS + " times: " + e);
                    return;
                }
                LOG.warnf("event %s of %s failed (attempt %d): %s", event.id(), topic, attempt, e.toString());
                sleep(300L * attempt);
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, String> r, KafkaProducer<String, String> dead, String reason) {
        LOG.warnf("event %s/%d/%d dead-lettered to %s: %s", r.topic(), r.partition(), r.offset(), dlq, reason);
        ProducerRecord<String, String> out = new ProducerRecord<>(dlq, r.key(), r.value());
        for (Header h : r.headers()) {
            out.headers().add(h);
        }
        out.headers().add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        out.headers().add("mfs_dlq_source", (r.topic() + "/" + r.partition() + "/" + r.offset()).getBytes(StandardCharsets.UTF_8));
        try {
            dead.send(out).get();
        } catch (Exception e) {
            throw new IllegalStateException("dead-letter topic " + dlq + " unavailable", e);
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
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "3000");
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
