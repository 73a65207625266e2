package org.mfs.platform.outbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The unsent part of the outbox as an operator sees it: how many rows wait and how old the oldest is. Read by the
 * readiness check and exported as the gauges {@code mfs_outbox_pending} and {@code mfs_outbox_oldest_unsent_seconds}
 * (an alert on the latter above {@code mfs.outbox.stalled-after} finds a stalled relay).
 */
@ApplicationScoped
public class OutboxBacklog {

    /** Pending rows and the age of the oldest. */
    public record Snapshot(long pending, Duration oldestAge) {
    }

    private static final Logger LOG = Logger.getLogger(OutboxBacklog.class);
    private static final long CACHE_NANOS = Duration.ofSeconds(1).toNanos();

    private final DataSource dataSource;
    private volatile Snapshot cached;
    private volatile long cachedAt;
    private volatile boolean unreadable;

    public OutboxBacklog(DataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        Gauge.builder("mfs.outbox.pending", this, b -> b.cachedOrNaN(false))
                .description("outbox rows not yet published").register(registry);
        Gauge.builder("mfs.outbox.oldest.unsent", this, b -> b.cachedOrNaN(true)).baseUnit("seconds")
                .description("age of the oldest outbox row not yet published (0 when none)").register(registry);
    }

    /** Reads the backlog from the database (throws when it cannot be read). */
    public Snapshot read() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*), min(occurred_at) from outbox_event where published_at is null")) {
            rs.next();
            OffsetDateTime oldest = rs.getObject(2, OffsetDateTime.class);
            Snapshot snap = new Snapshot(rs.getLong(1),
                    oldest == null ? Duration.ZERO : Duration.between(oldest, OffsetDateTime.now()));
            cached = snap;
            cachedAt = System.nanoTime();
            return snap;
        }
    }

    private double cachedOrNaN(boolean age) {
        Snapshot snap = cached;
        if (snap == null || System.nanoTime() - cachedAt > CACHE_NANOS) {
            try {
                snap = read();
            } catch (SQLException e) {
                if (!unreadable) {
                    LOG.warnf("outbox gauges: the backlog cannot be read (%s); they show NaN until it can", e.getMessage());
                    unreadable = true;
                }
                return Double.NaN;
            }
            if (unreadable) {
                LOG.info("outbox gauges: the backlog can be read again");
                unreadable = false;
            }
        }
        return age ? snap.oldestAge().toMillis() / 1000.0 : snap.pending();
    }
}
