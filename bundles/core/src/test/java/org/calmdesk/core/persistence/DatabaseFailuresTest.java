package org.calmdesk.core.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.NoSuchElementException;

import javax.persistence.PersistenceException;

import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

    @Test
    void connectionFailuresAnywhereInTheChainMeanUnavailable() {
        assertTrue(DatabaseFailures.isUnavailable(new PersistenceException(new SQLException("refused", "08001"))));
        assertTrue(DatabaseFailures.isUnavailable(new SQLException("terminating connection due to administrator command", "57P01")));
        assertTrue(DatabaseFailures.isUnavailable(new RuntimeException(new SQLTransientConnectionException("gone"))));
        assertTrue(DatabaseFailures.isUnavailable(new SQLException("Cannot get a connection",
                new NoSuchElementException("Timeout waiting for idle object"))));
    }

    @Test
    void statementFailuresAreNot() {
        assertFalse(DatabaseFailures.isUnavailable(new PersistenceException(new SQLException("duplicate key", "23505"))));
        assertFalse(DatabaseFailures.isUnavailable(new IllegalStateException("bug")));
        assertFalse(DatabaseFailures.isUnavailable(new NoSuchElementException("no value present")));
    }
}
