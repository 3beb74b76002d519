package org.calmdesk.core.persistence;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Tells a database that cannot be reached right now (down, restarting, pool exhausted) from a
 * statement that failed: the first is a 503 the client may retry, the second a fault.
 */
public final class DatabaseFailures {

    /**
     * SQL states of an unreachable database: class 08 (connection exception), PostgreSQL's
     * admin/crash shutdown and "cannot connect now", and too many connections.
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseFailures() {
    }

    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    String state = s.getSQLState();
                    if (state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state))) {
                        return true;
                    }
                }
            }
            // Commons Pool's answer when no connection came free within the pool's maxWait.
            if (t instanceof NoSuchElementException && t.getMessage() != null && t.getMessage().contains("Timeout waiting")) {
                return true;
            }
        }
        return false;
    }
}
