package org.mfs.platform.consumer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import org.mfs.platform.kafka.KafkaClientSecurity;
import org.mfs.platform.observability.EventTracing;
import org.mfs.platform.outbox.OutboxConfig;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** One consumer thread started by {@link EventConsumers}: its loop, retries and dead letters. */
public final class RunningConsumer {

    /** Header of a dead letter: why the record could not be applied. */
    public static final String REASON_HEADER = "mfs_dlq_reason";
    /** Header of a dead letter: where the record was read ({@code topic/partition/offset}). */
    public static final String SOURCE_HEADER = "mfs_dlq_source";
    /** Header of a dead letter: the consumer that gave up on it. */
    public static final String CONSUMER_HEADER = "mfs_dlq_consumer";

    private static final Logger LOG = Logger.getLogger(RunningConsumer.class);

    private enum Result {
        DONE, RETRY_LATER
    }

    private final ConsumerSpec spec;
    private final EventHandler handler;
    private final ConsumerLedger ledger;
    private final EventTracing tracing;
    private final EventConsumerConfig config;
    private final DataSource dataSource;
    private final String bootstrap;
    private final String groupId;
    /** Partitions, replication and min ISR of the dead-letter topic when this consumer creates it. */
    private final OutboxConfig topics;
    private final ConsumerMeters meters;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private volatile boolean running;
    private volatile String lastError;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    RunningConsumer(ConsumerSpec spec, EventHandler handler, ConsumerLedger ledger, EventTracing tracing,
            EventConsumerConfig config, DataSource dataSource, String bootstrap, String groupId,
            OutboxConfig topics, ConsumerMeters meters) {
        this.spec = spec;
        this.handler = handler;
        this.ledger = ledger;
        this.tracing = tracing;
        this.config = config;
        this.dataSource = dataSource;
        this.bootstrap = bootstrap;
        this.groupId = groupId;
        this.topics = topics;
        this.meters = meters;
    }

    public String name() {
        return spec.name();
    }

    public boolean isAlive() {
        return running && thread != null && thread.isAlive();
    }

    /** Events whose effect was applied. */
    public long applied() {
        return applied.get();
    }

    /** Events skipped as redeliveries (same id) or as older than the aggregate's last applied sequence. */
    public long skipped() {
        return skipped.get();
    }

    public long deadLettered() {
        return deadLettered.get();
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    synchronized void start() {
        running = true;
        thread = new Thread(this::loop, "consumer-" + spec.name());
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread; records not yet committed are read again by the next consumer of the group. */
    public synchronized void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
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
    }

    private void loop() {
        new ConsumerTopics(spec, bootstrap, topics).prepare(() -> running, this::pause);
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(KafkaClientSecurity.apply(consumerProps()), new StringDeserializer(),
                    new ByteArrayDeserializer());
                    KafkaProducer<String, byte[]> dlq = new KafkaProducer<>(KafkaClientSecurity.apply(producerProps()), new StringSerializer(),
                            new ByteArraySerializer())) {
                consumer = c;
                c.subscribe(spec.topics());
                while (running) {
                    ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                    meters.lag(c.assignment().stream().map(c::currentLag).toList());
                    if (!records.isEmpty() && consumeAll(c, records, dlq) == Result.RETRY_LATER) {
                        pause(config.outageBackoff());
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                if (running) {
                    lastError = e.toString();
                    LOG.warnf("consumer %s failed (%s); starting again in %d ms", spec.name(), e,
                            config.outageBackoff().toMillis());
                    pause(config.outageBackoff());
                }
            } finally {
                consumer = null;
            }
        }
    }

    /** Handles the records partition by partition; a partition whose record must wait is rewound to it. */
    private Result consumeAll(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records,
            KafkaProducer<String, byte[]> dlq) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        Result overall = Result.DONE;
        for (TopicPartition tp : records.partitions()) {
            for (ConsumerRecord<String, byte[]> r : records.records(tp)) {
                if (!running || handle(r, dlq) == Result.RETRY_LATER) {
                    c.seek(tp, r.offset());
                    overall = Result.RETRY_LATER;
                    break;
                }
                done.put(tp, new OffsetAndMetadata(r.offset() + 1));
            }
        }
        if (!done.isEmpty()) {
            c.commitSync(done);
        }
        return overall;
    }

    /** Handles one record in a span continuing its producer's trace, with its correlation id in the MDC (ADR 16). */
    private Result handle(ConsumerRecord<String, byte[]> r, KafkaProducer<String, byte[]> dlq) {
        try (EventTracing.Handling traced = tracing.consuming(r, groupId)) {
            Result result = handleTraced(r, dlq);
            if (result != Result.DONE) {
                traced.failed("not applied yet: " + lastError);
            }
            return result;
        }
    }

    private Result handleTraced(ConsumerRecord<String, byte[]> r, KafkaProducer<String, byte[]> dlq) {
        InboundEvent event = toEvent(r);
        if (!spec.sources().isEmpty() && !spec.sources().contains(event.source())) {
            return deadLetter(r, dlq, "unexpected ce_source " + event.source() + " (accepted: " + spec.sources() + ")");
        }
        Exception last = null;
        for (int attempt = 1; attempt <= config.maxAttempts() && running; attempt++) {
            try {
                ConsumerLedger.Claim claim = QuarkusTransaction.requiringNew().call(() -> {
                    ConsumerLedger.Claim cl = ledger.claim(spec.name(), event);
                    if (cl == ConsumerLedger.Claim.APPLY) {
                        handler.apply(event);
                    }
                    return cl;
                });
                if (claim == ConsumerLedger.Claim.APPLY) {
                    applied.incrementAndGet();
                    meters.applied();
                } else {
                    skipped.incrementAndGet();
                    meters.skipped();
                }
                return Result.DONE;
            } catch (Exception e) {
                Optional<UnprocessableEvent> unprocessable = unprocessable(e);
                if (unprocessable.isPresent()) {
                    return deadLetter(r, dlq, unprocessable.get().getMessage());
                }
                if (!databaseAnswers()) {
                    lastError = "database unavailable: " + e;
                    LOG.warnf("consumer %s: the database does not answer; %s waits", spec.name(), event.position());
                    return Result.RETRY_LATER;
                }
                last = e;
                lastError = e.toString();
                if (attempt < config.maxAttempts()) {
                    pause(config.retryBackoff().multipliedBy(1L << Math.min(attempt - 1, 10)));
                }
            }
        }
        if (!running) {
            return Result.RETRY_LATER;
        }
        return deadLetter(r, dlq, "failed " + config.maxAttempts() + " times: " + rootMessage(last));
    }

    private Result deadLetter(ConsumerRecord<String, byte[]> r, KafkaProducer<String, byte[]> dlq, String reason) {
        String position = r.topic() + "/" + r.partition() + "/" + r.offset();
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(spec.deadLetterTopic(), r.key(), r.value());
        for (Header h : r.headers()) {
            out.headers().add(h);
        }
        String bounded = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
        out.headers().add(REASON_HEADER, bounded.getBytes(StandardCharsets.UTF_8));
        out.headers().add(SOURCE_HEADER, position.getBytes(StandardCharsets.UTF_8));
        out.headers().add(CONSUMER_HEADER, spec.name().getBytes(StandardCharsets.UTF_8));
        try {
            dlq.send(out).get(config.deadLetterMaxBlock().toMillis() + 15_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            lastError = "dead-letter topic " + spec.deadLetterTopic() + " unavailable: " + cause;
            LOG.warnf("consumer %s: %s could not be dead-lettered (%s); it waits", spec.name(), position, cause);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Result.RETRY_LATER;
        }
        deadLettered.incrementAndGet();
        meters.deadLettered(r.topic());
        LOG.warnf("consumer %s: %s dead-lettered to %s: %s", spec.name(), position, spec.deadLetterTopic(), bounded);
        return Result.DONE;
    }

    private InboundEvent toEvent(ConsumerRecord<String, byte[]> r) {
        String id = header(r, "ce_id");
        String subject = header(r, "ce_subject");
        String sequence = header(r, "ce_sequence");
        OptionalLong seq = OptionalLong.empty();
        if (sequence != null) {
            try {
                seq = OptionalLong.of(Long.parseLong(sequence.strip()));
            } catch (NumberFormatException e) {
                // not a number: treated as absent (no ordering information)
            }
        }
        return new InboundEvent(r.topic(), r.partition(), r.offset(),
                id == null || id.isBlank() ? r.topic() + "/" + r.partition() + "/" + r.offset() : id,
                header(r, "ce_source"), header(r, "ce_type"), subject == null ? r.key() : subject, seq, r.key(),
                r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8));
    }

    private boolean databaseAnswers() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    private static Optional<UnprocessableEvent> unprocessable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnprocessableEvent u) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private Properties consumerProps() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "5000");
        return p;
    }

    private Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, groupId + ".dlq");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(config.deadLetterMaxBlock().toMillis()));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        return p;
    }

    private void pause(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (running && System.nanoTime() < end) {
            try {
                Thread.sleep(Math.max(1, Math.min(50, d.toMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
