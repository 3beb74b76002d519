package org.calmdesk.core.persistence;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import javax.persistence.OptimisticLockException;

import org.calmdesk.core.error.CalmdeskException;
import org.calmdesk.core.events.DomainEvent;
import org.calmdesk.core.events.EventLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work in one RESOURCE_LOCAL transaction on a module's persistence unit: all of it commits
 * or none of it does. Work that lost a race (optimistic lock, unique-key collision of a concurrent
 * insert, serialization failure, deadlock) is retried from the start, so the work must re-read
 * what it changes; domain exceptions are never retried.
 *
 * <p>Work of the same unit started inside a running transaction on the same thread joins it (one
 * commit, retried whole by the outermost), so a service can make a store's writes and the events
 * announcing them ({@link EventLog#append}) one unit. Events enlisted during an attempt are
 * inserted just before its commit and vanish with a rollback.
 */
public final class Transactions {

    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);
    /** SQL states of failures that a fresh attempt can succeed at (PostgreSQL and H2 agree). */
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("23505", "40001", "40P01", "HYT00");
    private static final int MAX_ATTEMPTS = 6;

    /** The transactions running on this thread, innermost first: modules' units may nest (a ticket write reads a customer). */
    private static final ThreadLocal<Deque<Active>> ACTIVE = ThreadLocal.withInitial(ArrayDeque::new);

    private final EntityManagerFactory emf;

    private record Active(EntityManagerFactory emf, EntityManager em, List<DomainEvent> events) {
    }

    public Transactions(EntityManagerFactory emf) {
        this.emf = emf;
    }

    public <T> T inTransaction(Function<EntityManager, T> work) {
        Active joined = joinable();
        if (joined != null) {
            return work.apply(joined.em());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(work);
            } catch (RuntimeException e) {
                if (attempt >= MAX_ATTEMPTS || !isTransient(e)) {
                    throw e;
                }
                LOG.debug("Transaction attempt {} lost a race, retrying: {}", attempt, e.toString());
                backOff(attempt);
            }
        }
    }

    public void run(Consumer<EntityManager> work) {
        inTransaction(em -> {
            work.accept(em);
            return null;
        });
    }

    /** Read-only work: no transaction, but a fresh persistence context that is always closed. */
    public <T> T read(Function<EntityManager, T> work) {
        Active joined = joinable();
        if (joined != null) {
            // Inside a transaction of this unit: read what it has written so far.
            return work.apply(joined.em());
        }
        EntityManager em = emf.createEntityManager();
        try {
            return work.apply(em);
        } finally {
            em.close();
        }
    }

    private <T> T attempt(Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        Active active = new Active(emf, em, new ArrayList<>());
        ACTIVE.get().push(active);
        try {
            tx.begin();
            T result = work.apply(em);
            boolean inJvm = !active.events().isEmpty() && EventLog.inJvmForBenchmark();
            if (!active.events().isEmpty() && !inJvm) {
                EventLog.insert(em, active.events());
            }
            em.flush();
            tx.commit();
            if (inJvm) {
                EventLog.handOverInJvm(active.events());
            }
            return result;
        } catch (RuntimeException e) {
            if (tx.isActive()) {
                try {
                    tx.rollback();
                } catch (RuntimeException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
            }
            throw e;
        } finally {
            ACTIVE.get().remove(active);
            em.close();
        }
    }

    /**
     * Adds an event to the innermost transaction running on this thread (see {@link EventLog#append}).
     *
     * @throws IllegalStateException when none runs
     */
    public static void enlist(DomainEvent event) {
        Active innermost = ACTIVE.get().peek();
        if (innermost == null) {
            throw new IllegalStateException("Event " + event.topic() + " appended outside a transaction: append it"
                    + " inside the transaction of the change it announces");
        }
        innermost.events().add(event);
    }

    /**
     * Records, in the innermost transaction running on this thread, that {@code consumer} acts on
     * event {@code eventId}; false when it did before (the caller then changes nothing). The
     * receipt commits or rolls back with the effect.
     *
     * @throws IllegalStateException when no transaction runs
     */
    public static boolean firstReceipt(String consumer, String eventId) {
        Active innermost = ACTIVE.get().peek();
        if (innermost == null) {
            throw new IllegalStateException("A receipt for " + consumer + " outside a transaction: take it in the effect's transaction");
        }
        // Not an INSERT that may fail: on PostgreSQL a unique violation would abort the whole transaction.
        return innermost.em().createNativeQuery("INSERT INTO " + EventLog.RECEIPTS + " (consumer, event_id, received_at)"
                + " SELECT ?, ?, ? FROM " + EventLog.CURSORS + " WHERE name = 'sequencer' AND NOT EXISTS (SELECT 1 FROM "
                + EventLog.RECEIPTS + " WHERE consumer = ? AND event_id = ?)")
                .setParameter(1, consumer).setParameter(2, eventId).setParameter(3, new java.sql.Timestamp(System.currentTimeMillis()))
                .setParameter(4, consumer).setParameter(5, eventId)
                .executeUpdate() == 1;
    }

    private Active joinable() {
        for (Active active : ACTIVE.get()) {
            if (active.emf() == emf) {
                return active;
            }
        }
        return null;
    }

    static boolean isTransient(Throwable failure) {
        if (failure instanceof CalmdeskException) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (s.getSQLState() != null && TRANSIENT_SQL_STATES.contains(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
