package org.calmdesk.core.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import javax.persistence.OptimisticLockException;
import javax.persistence.PersistenceException;

import org.calmdesk.core.error.ConflictException;
import org.junit.jupiter.api.Test;

class TransactionsTest {

    @Test
    void lostRacesAreRetried() {
        assertTrue(Transactions.isTransient(new PersistenceException(new SQLException("dup", "23505"))));
        assertTrue(Transactions.isTransient(new PersistenceException(new SQLException("serialization", "40001"))));
        assertTrue(Transactions.isTransient(new RuntimeException(new OptimisticLockException("stale"))));
    }

    @Test
    void domainAndOtherFailuresAreNot() {
        assertFalse(Transactions.isTransient(new ConflictException("no")));
        assertFalse(Transactions.isTransient(new PersistenceException(new SQLException("syntax", "42000"))));
        assertFalse(Transactions.isTransient(new IllegalStateException("bug")));
    }
}
