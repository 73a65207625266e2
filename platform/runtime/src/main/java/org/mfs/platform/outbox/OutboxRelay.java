package org.mfs.platform.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.mfs.platform.kafka.KafkaClientSecurity;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes outbox rows to Kafka as CloudEvents (Kafka protocol binding, binary mode) and deletes each row once Kafka
 * acknowledged its record (ADR 20).
 * <ul>
 * <li>Each batch runs in one transaction holding {@code pg_try_advisory_xact_lock}: with several replicas only one
 * publishes at a time. {@link BatchSender} keeps per-aggregate order: an aggregate's next row goes out only after
 * its previous one was acknowledged.</li>
 * <li>A topic that cannot be written (missing, deleted, denied) is suspended with its own backoff; its rows and the
 * later rows of their aggregates wait, everything else goes on ({@link TopicGate}).</li>
 * <li>A batch lasts at most {@code mfs.outbox.batch-timeout} (plus one acknowledgement wait); a producer that failed
 * fatally is closed and rebuilt.</li>
 * <li>Woken in-process when a transaction that wrote outbox rows commits ({@link OutboxWakeUp}, ADR 0028), and at
 * the latest every {@code mfs.outbox.poll-interval} (rows of other processes, rows left by a crash). A relay woken
 * while another (a replica's) holds the turn tries again shortly, until it has had a turn.</li>
 * <li>Runs its batches on a connection of its own ({@link RelayConnection}); while that cannot be opened, on pooled
 * ones.</li>
 * </ul>
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** The advisory lock whose holder, for one batch's transaction, has the turn to publish ("mfs_out"). */
    public static final long TURN_LOCK_KEY = 0x6d66735f6f7574L;
    private static final Duration ENSURE_TOPICS_EVERY = Duration.ofSeconds(10);
    /** How soon a relay that found the turn taken tries again (the holder's batch may not hold the rows it was woken for). */
    private static final Duration TURN_TAKEN_RETRY = Duration.ofMillis(10);

    private final DataSource dataSource;
    private final OutboxConfig config;
    private final String bootstrapServers;
    private final RelayConnection own;
    private final OutboxWakeUp wakeUp;
    private final TopicGate gate;
    private final OutboxMetrics metrics;

    private volatile boolean running;
    private volatile boolean topicsReady;
    private volatile String lastError;
    private volatile Instant lastPublishedAt;
    private volatile Instant lastBatchAt;
    private final AtomicLong publishedCount = new AtomicLong();
    private final AtomicLong producerRebuilds = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private long nextTopicCheck;
    private Thread thread;
    private volatile Producer<String, byte[]> producer;

    public OutboxRelay(DataSource dataSource, OutboxConfig config, OutboxMetrics metrics, OutboxWakeUp wakeUp,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> dbUser,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> dbPassword,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.dataSource = dataSource;
        this.config = config;
        this.metrics = metrics;
        this.bootstrapServers = bootstrapServers;
        this.wakeUp = wakeUp;
        this.own = new RelayConnection(jdbcUrl, dbUser.orElse(null), dbPassword.orElse(null));
        this.gate = new TopicGate(config.minBackoff(), config.maxBackoff());
    }

    void onStart(@Observes StartupEvent event) {
        if (config.relayEnabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts the relay thread (idempotent). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        producer = newProducer();
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the relay thread and closes its producer; unsent rows stay in the outbox. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wakeUp.wake();
        thread.interrupt();
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }

    public boolean isRunning() {
        return running && thread != null && thread.isAlive();
    }

    public boolean topicsReady() {
        return topicsReady;
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    public Optional<Instant> lastPublishedAt() {
        return Optional.ofNullable(lastPublishedAt);
    }

    /** When the relay last finished a batch attempt (whether or not it found rows). */
    public Optional<Instant> lastBatchAt() {
        return Optional.ofNullable(lastBatchAt);
    }

    public long publishedCount() {
        return publishedCount.get();
    }

    /** How many times the producer was closed and rebuilt after a fatal error. */
    public long producerRebuilds() {
        return producerRebuilds.get();
    }

    /** Batches that claimed at least one row since the relay was made. */
    public long batches() {
        return batches.get();
    }

    /** Whether the relay currently holds its own connection (without one it runs its batches on pooled ones). */
    public boolean ownConnection() {
        return own.isOpen();
    }

    /** Topics the relay cannot publish to right now, with the last error of each. */
    public Map<String, String> suspendedTopics() {
        return gate.reasons();
    }

    private void loop() {
        Duration backoff = config.minBackoff();
        while (running) {
            try {
                ensureTopicsWhenDue();
                own.ensureOpen(config.pollInterval());
                BatchResult result = publishBatch();
                lastBatchAt = Instant.now();
                if (result.fatal()) {
                    rebuildProducer(result.error());
                }
                if (result.brokerFailure() || result.fatal()) {
                    lastError = result.error();
                    LOG.warnf("outbox relay: %s; retrying in %d ms", lastError, backoff.toMillis());
                    pause(backoff);
                    backoff = next(backoff);
                    continue;
                }
                lastError = result.error();
                backoff = config.minBackoff();
                if (!result.more()) {
                    Duration wait = result.turnTaken() ? TURN_TAKEN_RETRY
                            : gate.nextAttemptIn().filter(d -> d.compareTo(config.pollInterval()) < 0)
                                    .orElse(config.pollInterval());
                    wakeUp.await(wait);
                }
            } catch (Exception e) {
                if (!running) {
                    break;
                }
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.warnf("outbox relay: %s; retrying in %d ms", lastError, backoff.toMillis());
                pause(backoff);
                backoff = next(backoff);
            }
        }
        own.close();
    }

    private Duration next(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : doubled;
    }

    /** What one batch did; {@code turnTaken}: another relay held the turn, so nothing was read. */
    record BatchResult(boolean more, boolean turnTaken, int sent, boolean brokerFailure, boolean fatal, String error) {
        static final BatchResult NONE = new BatchResult(false, false, 0, false, false, null);
        static final BatchResult TURN_TAKEN = new BatchResult(false, true, 0, false, false, null);
    }

    /**
     * Publishes one batch. One statement takes the turn, the next reads the oldest unsent rows (leaving out suspended
     * topics and the aggregates waiting for them); the rows Kafka acknowledged are deleted and the failed ones get their
     * error, in the same transaction, which commits after the batch. A crash before the commit leaves every row of
     * the batch unsent, to be published again (at least once, ADR 2).
     */
    BatchResult publishBatch() throws SQLException {
        Connection c = own.connection();
        if (c != null) {
            try {
                return publishBatch(c);
            } catch (SQLException e) {
                own.close(); // opened again by the loop; until then batches take a pooled connection
                throw e;
            }
        }
        try (Connection pooled = dataSource.getConnection()) {
            return publishBatch(pooled);
        }
    }

    /**
     * One batch on {@code c}: the relay's own connection while it is open, so the relay never queues for a pooled
     * connection behind the requests whose events it publishes (ADR 0017, "a lean load generator"); a pooled one
     * otherwise.
     */
    private BatchResult publishBatch(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try {
            if (!OutboxBatchSql.takeTurn(c, TURN_LOCK_KEY)) {
                c.commit();
                return BatchResult.TURN_TAKEN;
            }
            OutboxBatchSql.Claim claim = OutboxBatchSql.claim(c, gate.suspendedNow(), config.batchSize(),
                    config.batchBytes());
            List<OutboxRow> rows = claim.rows();
            if (rows.isEmpty()) {
                c.commit();
                return BatchResult.NONE;
            }
            batches.incrementAndGet();
            BatchSender.Outcome out = BatchSender.send(rows, producer, gate, config.batchTimeout(),
                    config.deliveryTimeout().plus(config.requestTimeout()));
            OutboxBatchSql.delete(c, out.sent());
            for (Map.Entry<UUID, String> f : out.failed().entrySet()) {
                OutboxBatchSql.recordFailure(c, f.getKey(), f.getValue());
            }
            c.commit();
            Instant acknowledged = Instant.now();
            for (OutboxRow row : rows) {
                if (out.sent().contains(row.id())) {
                    metrics.published(row.topic(), row.time(), acknowledged);
                } else if (out.failed().containsKey(row.id())) {
                    metrics.failed(row.topic());
                }
            }
            if (!out.sent().isEmpty()) {
                publishedCount.addAndGet(out.sent().size());
                lastPublishedAt = acknowledged;
            }
            return new BatchResult(claim.more(), false, out.sent().size(), out.brokerFailure(), out.fatal(),
                    out.firstError());
        } catch (SQLException | RuntimeException e) {
            safeRollback(c);
            throw e;
        } finally {
            // between batches the connection is idle, outside any transaction
            try {
                c.setAutoCommit(true);
            } catch (SQLException broken) {
                // the connection is gone: its next use fails, and the loop opens it again
            }
        }
    }

    private void ensureTopicsWhenDue() {
        if (topicsReady || System.nanoTime() - nextTopicCheck < 0) {
            return;
        }
        nextTopicCheck = System.nanoTime() + ENSURE_TOPICS_EVERY.toNanos();
        try {
            OutboxTopics.ensure(bootstrapServers, config);
            topicsReady = true;
        } catch (Exception e) {
            // publishing goes on: rows of a missing topic wait on their own (TopicGate)
            LOG.warnf("outbox relay: could not check or create topics %s: %s", config.topics(), e);
        }
    }

    private void rebuildProducer(String reason) {
        LOG.warnf("outbox relay: the producer failed fatally (%s); closing it and building a new one", reason);
        try {
            producer.close(Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.debug("closing the failed producer", e);
        }
        producer = newProducer();
        producerRebuilds.incrementAndGet();
    }

    private void pause(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (running && System.nanoTime() < end) {
            try {
                Thread.sleep(Math.max(1, Math.min(50, d.toMillis())));
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private static void safeRollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the transaction is gone with it
        }
    }

    private KafkaProducer<String, byte[]> newProducer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024)); // a backlog's round in few requests (ADR 0017)
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(config.maxBlock().toMillis()));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(config.requestTimeout().toMillis()));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                Long.toString(Math.max(config.deliveryTimeout().toMillis(), config.requestTimeout().toMillis())));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        return new KafkaProducer<>(KafkaClientSecurity.apply(p), new StringSerializer(), new ByteArraySerializer());
    }
}
