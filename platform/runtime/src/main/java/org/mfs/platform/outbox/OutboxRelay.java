package org.mfs.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes outbox rows to Kafka as CloudEvents (Kafka protocol binding, binary mode) and marks them sent.
 * <ul>
 * <li>Wakes on commit through PostgreSQL {@code LISTEN mfs_outbox}; polls slowly as a safety net.</li>
 * <li>Each batch runs in one transaction holding {@code pg_try_advisory_xact_lock}: with several replicas
 * only one publishes at a time, so rows go out in position order and per-aggregate order holds.</li>
 * <li>While the broker is unreachable the rows stay unsent and the relay retries with exponential backoff.</li>
 * </ul>
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String CHANNEL = "mfs_outbox";
    private static final long LOCK_KEY = 0x6d66735f6f7574L; // "mfs_out"

    private final DataSource dataSource;
    private final OutboxConfig config;
    private final String jdbcUrl;
    private final String dbUser;
    private final String dbPassword;
    private final String bootstrapServers;

    private volatile boolean running;
    private volatile boolean topicsReady;
    private volatile String lastError;
    private volatile Instant lastPublishedAt;
    private final AtomicLong publishedCount = new AtomicLong();
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;
    private Connection listener;

    public OutboxRelay(DataSource dataSource, OutboxConfig config,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> dbUser,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> dbPassword,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.dataSource = dataSource;
        this.config = config;
        this.jdbcUrl = jdbcUrl;
        this.dbUser = dbUser.orElse(null);
        this.dbPassword = dbPassword.orElse(null);
        this.bootstrapServers = bootstrapServers;
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
        producer = new KafkaProducer<>(producerProperties(), new StringSerializer(), new ByteArraySerializer());
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
        wakeUp();
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }

    public boolean isRunning() {
        return running;
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

    public long publishedCount() {
        return publishedCount.get();
    }

    private void loop() {
        Duration backoff = config.minBackoff();
        while (running) {
            try {
                if (!topicsReady) {
                    ensureTopics();
                }
                listen();
                int published = publishBatch();
                lastError = null;
                backoff = config.minBackoff();
                if (published < config.batchSize()) {
                    awaitNotification();
                }
            } catch (Exception e) {
                if (!running) {
                    break;
                }
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.warnf("outbox relay: %s; retrying in %d ms", lastError, backoff.toMillis());
                closeListener();
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(config.maxBackoff()) > 0 ? config.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        }
        closeListener();
    }

    /**
     * Publishes one batch; returns the number of rows marked sent (0 when another relay holds the turn).
     * One statement takes the turn, claims the oldest unsent rows and marks them sent; the transaction commits
     * only after Kafka acknowledged them, and rows that failed are unmarked first. Two database round trips
     * per batch keep the commit-to-consumer latency low.
     */
    int publishBatch() throws SQLException, InterruptedException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Row> rows = claim(c);
                if (rows.isEmpty()) {
                    c.commit();
                    return 0;
                }
                List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
                RuntimeException sendFailure = null;
                for (Row row : rows) {
                    try {
                        sends.add(producer.send(row.toRecord()));
                    } catch (RuntimeException e) {
                        sendFailure = e;
                        break;
                    }
                }
                producer.flush();
                List<UUID> unsent = new ArrayList<>();
                Set<String> blockedAggregates = new HashSet<>();
                String failure = sendFailure == null ? null : sendFailure.toString();
                for (int i = 0; i < rows.size(); i++) {
                    Row row = rows.get(i);
                    boolean ok = false;
                    if (i < sends.size() && !blockedAggregates.contains(row.aggregateKey())) {
                        try {
                            sends.get(i).get();
                            ok = true;
                        } catch (ExecutionException e) {
                            failure = e.getCause().toString();
                        }
                    }
                    if (!ok) {
                        // a later event of the same aggregate must not be marked sent before this one
                        blockedAggregates.add(row.aggregateKey());
                        unsent.add(row.id);
                    }
                }
                if (!unsent.isEmpty()) {
                    unmark(c, unsent, failure);
                }
                c.commit();
                int sent = rows.size() - unsent.size();
                if (sent > 0) {
                    publishedCount.addAndGet(sent);
                    lastPublishedAt = Instant.now();
                }
                if (!unsent.isEmpty()) {
                    throw new IllegalStateException("publishing to Kafka failed: " + failure);
                }
                return sent;
            } catch (SQLException | RuntimeException e) {
                safeRollback(c);
                throw e;
            }
        }
    }

    /** Takes the relay's turn (advisory lock for this transaction) and claims up to a batch of unsent rows. */
    private List<Row> claim(Connection c) throws SQLException {
        String sql = """
                with turn as (select pg_try_advisory_xact_lock(?) as mine)
                update outbox_event o set published_at = now(), attempts = o.attempts + 1, last_error = null
                from (select id from outbox_event
                      where published_at is null and (select mine from turn)
                      order by position limit ? for update skip locked) claimed
                where o.id = claimed.id
                returning o.id, o.topic, o.aggregate_type, o.aggregate_id, o.sequence, o.event_type, o.source,
                          o.occurred_at, o.payload::text, o.position
                """;
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, LOCK_KEY);
            ps.setInt(2, config.batchSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getObject(1, UUID.class), rs.getLong(10), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getLong(5), rs.getString(6), rs.getString(7),
                            rs.getObject(8, java.time.OffsetDateTime.class).toInstant(), rs.getString(9)));
                }
            }
        }
        // RETURNING does not keep the subquery's order: publish in position order
        rows.sort(java.util.Comparator.comparingLong(Row::position));
        return rows;
    }

    /** Rows Kafka did not acknowledge go back to unsent, with the error, in the batch's transaction. */
    private void unmark(Connection c, List<UUID> ids, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update outbox_event set published_at = null, last_error = ? where id = any(?)")) {
            ps.setString(1, error);
            ps.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            ps.executeUpdate();
        }
    }

    private void ensureTopics() throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
            List<NewTopic> missing = config.topics().stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, config.partitions(), config.replicationFactor())).toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(10, TimeUnit.SECONDS);
                    LOG.infof("created topics %s with %d partitions", missing.stream().map(NewTopic::name).toList(),
                            config.partitions());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
        topicsReady = true;
    }

    private void listen() throws SQLException {
        if (listener == null || listener.isClosed()) {
            listener = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN " + CHANNEL);
            }
        }
    }

    private void awaitNotification() throws SQLException {
        PGConnection pg = listener.unwrap(PGConnection.class);
        pg.getNotifications((int) config.pollInterval().toMillis());
    }

    private void wakeUp() {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword); Statement s = c.createStatement()) {
            s.execute("NOTIFY " + CHANNEL);
        } catch (SQLException e) {
            LOG.debug("could not wake the relay", e);
        }
    }

    private void closeListener() {
        if (listener != null) {
            try {
                listener.close();
            } catch (SQLException ignored) {
                // already broken
            }
            listener = null;
        }
    }

    private void pause(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (running && System.nanoTime() < end) {
            try {
                Thread.sleep(Math.min(50, d.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
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

    private Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "8000");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        return p;
    }

    /** One outbox row as read for publishing. */
    record Row(UUID id, long position, String topic, String aggregateType, String aggregateId, long sequence, String type,
            String source, Instant time, String payload) {

        String aggregateKey() {
            return aggregateType + "/" + aggregateId;
        }

        ProducerRecord<String, byte[]> toRecord() {
            RecordHeaders headers = new RecordHeaders();
            header(headers, "ce_specversion", "1.0");
            header(headers, "ce_id", id.toString());
            header(headers, "ce_source", source);
            header(headers, "ce_type", type);
            header(headers, "ce_subject", aggregateId);
            header(headers, "ce_time", time.toString());
            header(headers, "ce_sequence", Long.toString(sequence));
            header(headers, "content-type", "application/json");
            return new ProducerRecord<>(topic, null, aggregateId, payload.getBytes(StandardCharsets.UTF_8), headers);
        }

        private static void header(RecordHeaders headers, String name, String value) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
