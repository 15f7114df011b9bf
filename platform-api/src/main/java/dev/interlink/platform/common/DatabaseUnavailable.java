package dev.interlink.platform.common;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises "PostgreSQL cannot be reached right now" in an exception's cause chain (no connection from the
 * pool in time, a connection broken mid-query, the server shutting down), so that a caller gets a 503 with
 * Retry-After (a retry will work once the database is back) instead of a 500 or a misleading 401.
 */
public final class DatabaseUnavailable {
    /** Seconds a client is asked to wait; readiness takes the replica out of rotation meanwhile. */
    public static final int RETRY_AFTER_SECONDS = 2;

    private DatabaseUnavailable() {}

    public static boolean in(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            // 08xxx: connection exceptions; 57P01..57P03: admin shutdown, crash shutdown, cannot connect now
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Any SQL failure in the cause chain, connection-type or not. Used where a lookup must not be mistaken for a
     * negative answer: when the principal of a request cannot be resolved because a query failed, the answer is a
     * 503, never "invalid token" (a connection broken mid-query does not always carry an 08 SQLState).
     */
    public static boolean sqlFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException) {
                return true;
            }
        }
        return false;
    }
}
