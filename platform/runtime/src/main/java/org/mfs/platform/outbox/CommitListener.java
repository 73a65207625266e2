package org.mfs.platform.outbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The relay's dedicated {@code LISTEN mfs_outbox} connection, on which the relay also runs its batches. It only
 * shortens the wait between a commit and its publication: when it cannot be opened, or dies (also silently: it is
 * validated when a wait ran out), the relay polls every {@code poll-interval} with pooled connections and the
 * listener is opened again later.
 */
final class CommitListener {

    static final String CHANNEL = "mfs_outbox";
    /** {@code application_name} of the LISTEN connection, so an operator (or a test) can find it in pg_stat_activity. */
    static final String APPLICATION_NAME = "mfs-outbox-listener";
    private static final Logger LOG = Logger.getLogger(CommitListener.class);
    private static final Duration VALIDATE_EVERY = Duration.ofSeconds(30);

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private volatile Connection connection;
    private long nextOpenAttempt;
    private long nextValidation;
    private boolean warned;

    CommitListener(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    boolean isOpen() {
        return connection != null;
    }

    /** The open LISTEN connection, for the relay's batches between waits (one thread uses it); null when closed. */
    Connection connection() {
        return connection;
    }

    /** Opens the connection unless it is open or a recent attempt failed; never throws. */
    void ensureOpen(Duration retryAfter) {
        if (connection != null || System.nanoTime() - nextOpenAttempt < 0) {
            return;
        }
        try {
            Properties props = new Properties();
            if (user != null) {
                props.setProperty("user", user);
            }
            if (password != null) {
                props.setProperty("password", password);
            }
            props.setProperty("ApplicationName", APPLICATION_NAME);
            props.setProperty("connectTimeout", "5");
            props.setProperty("tcpKeepAlive", "true");
            Connection c = DriverManager.getConnection(jdbcUrl, props);
            try (Statement s = c.createStatement()) {
                s.execute("LISTEN " + CHANNEL);
            }
            connection = c;
            nextValidation = System.nanoTime() + VALIDATE_EVERY.toNanos();
            if (warned) {
                LOG.info("outbox relay: LISTEN connection open again");
                warned = false;
            }
        } catch (SQLException e) {
            nextOpenAttempt = System.nanoTime() + retryAfter.toNanos();
            if (!warned) {
                LOG.warnf("outbox relay: cannot LISTEN (%s); polling every %d ms until it can", e.getMessage(),
                        retryAfter.toMillis());
                warned = true;
            }
        }
    }

    /**
     * Waits up to {@code timeout} for a commit notification.
     *
     * @return false when there is no listener (the caller then sleeps instead)
     */
    boolean await(Duration timeout) {
        Connection c = connection;
        if (c == null) {
            return false;
        }
        try {
            PGNotification[] got = c.unwrap(PGConnection.class).getNotifications((int) Math.max(1, timeout.toMillis()));
            if ((got == null || got.length == 0) && System.nanoTime() - nextValidation > 0) {
                nextValidation = System.nanoTime() + VALIDATE_EVERY.toNanos();
                if (!c.isValid(2)) {
                    throw new SQLException("LISTEN connection no longer answers");
                }
            }
            return true;
        } catch (SQLException e) {
            LOG.warnf("outbox relay: LISTEN connection lost (%s); polling until it is open again", e.getMessage());
            warned = true;
            close();
            return false;
        }
    }

    /** Sends a notification on a short-lived connection so a waiting relay returns at once. */
    void wakeUp() {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
            s.execute("NOTIFY " + CHANNEL);
        } catch (SQLException e) {
            LOG.debug("could not wake the relay", e);
        }
    }

    void close() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
    }
}
