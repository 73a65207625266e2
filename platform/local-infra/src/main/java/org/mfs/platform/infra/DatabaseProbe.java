package org.mfs.platform.infra;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * Reads what a service stored, straight from its database (under its API), for tests. Each service's test helper
 * extends it with the data source it is given and what is particular to it (its fingerprint of stored rows, seeds).
 */
public abstract class DatabaseProbe {

    /** The service's own database. */
    protected abstract DataSource dataSource();

    /**
     * The count of sessions holding or waiting for the advisory lock {@code key} (one bigint key), as SQL for
     * {@link #count} or {@link #awaitCount}.
     */
    public static String advisoryLocks(long key) {
        return "select count(*) from pg_locks where locktype = 'advisory' and ((classid::bigint << 32) | objid::bigint) = "
                + key;
    }

    /** The first column of the first row as a number (a count or a sum). */
    public long count(String sql) {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits up to 60 s until {@code sql} (a single count) gives {@code expected}; fails naming the last value. */
    public void awaitCount(String sql, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        long n;
        while ((n = count(sql)) != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 60 s for " + sql + " = " + expected + ", last " + n);
            }
            Thread.sleep(100);
        }
    }

    /** The first column of the first row as text; null when there is no row. */
    public String text(String sql) {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one statement with positional parameters. */
    public void exec(String sql, Object... params) {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
