package org.mfs.platform.outbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

import org.jboss.logging.Logger;

/**
 * The relay's own database connection, on which it runs its batches, so that it never queues for a pooled
 * connection behind the requests whose events it publishes (ADR 0017). When it cannot be opened, or a batch finds
 * it broken, the relay takes pooled connections and opens it again later.
 */
final class RelayConnection {

    /** {@code application_name} of the connection, so an operator (or a test) can find it in pg_stat_activity. */
    static final String APPLICATION_NAME = "mfs-outbox-relay";
    private static final Logger LOG = Logger.getLogger(RelayConnection.class);

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private volatile Connection connection;
    private long nextOpenAttempt;
    private boolean warned;

    RelayConnection(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    boolean isOpen() {
        return connection != null;
    }

    /** The open connection (one thread uses it); null when closed. */
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
            // the relay's commits (the delete of what Kafka acknowledged) do not wait for their WAL flush: a delete
            // lost in a crash only publishes its rows again, which consumers skip by ce_id (ADR 0030)
            props.setProperty("options", "-c synchronous_commit=off");
            connection = DriverManager.getConnection(jdbcUrl, props);
            if (warned) {
                LOG.info("outbox relay: its own connection is open again");
                warned = false;
            }
        } catch (SQLException e) {
            nextOpenAttempt = System.nanoTime() + retryAfter.toNanos();
            if (!warned) {
                LOG.warnf("outbox relay: cannot open its own connection (%s); using pooled ones until it can",
                        e.getMessage());
                warned = true;
            }
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
