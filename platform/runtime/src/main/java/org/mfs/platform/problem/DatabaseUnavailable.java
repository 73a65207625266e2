package org.mfs.platform.problem;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a failure caused by the database being out of reach (down, restarting, refusing connections, the pool
 * unable to get one in time) from a bug: the former is a 503 with {@code Retry-After}, the latter a 500.
 */
final class DatabaseUnavailable {

    static final int RETRY_AFTER_SECONDS = 5;

    /** SQLSTATE 57P01-57P03: admin shutdown, crash shutdown, cannot connect now (starting up or recovering). */
    private static final Set<String> SHUTTING_DOWN = Set.of("57P01", "57P02", "57P03");

    private DatabaseUnavailable() {
    }

    /**
     * A one-line reason when {@code e} comes from an unreachable database, else null. A failed commit carries the
     * connection error as a suppressed exception of the transaction manager's RollbackException, so those count.
     */
    static String reason(Throwable e) {
        return reason(e, 0);
    }

    private static String reason(Throwable e, int depth) {
        for (Throwable c = e; c != null && depth < 5; c = c.getCause() == c ? null : c.getCause()) {
            for (Throwable s : c.getSuppressed()) {
                String r = reason(s, depth + 1);
                if (r != null) {
                    return r;
                }
            }
            if (c instanceof org.hibernate.exception.JDBCConnectionException
                    || c instanceof SQLTransientConnectionException || c instanceof SQLRecoverableException
                    || c instanceof java.sql.SQLNonTransientConnectionException) {
                return oneLine(c);
            }
            if (c instanceof RuntimeException && String.valueOf(c.getMessage()).startsWith("Interrupted while attempting to connect")) {
                // pgjdbc's answer when the pool stops waiting for a new connection (acquisition timeout under
                // overload): wrapped as SQLSTATE 99999 "Something unusual has occurred", not a bug (ADR 0017)
                return oneLine(c);
            }
            if (c instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || SHUTTING_DOWN.contains(state))) {
                    return oneLine(c);
                }
                String m = String.valueOf(sql.getMessage()).toLowerCase();
                if (m.contains("acquisition timeout") || m.contains("connection is closed")) {
                    return oneLine(c);
                }
            }
        }
        return null;
    }

    private static String oneLine(Throwable c) {
        String m = String.valueOf(c.getMessage());
        int nl = m.indexOf('\n');
        return c.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
    }
}
