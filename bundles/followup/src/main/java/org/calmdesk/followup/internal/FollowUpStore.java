package org.calmdesk.followup.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;

import org.calmdesk.core.Ids;
import org.calmdesk.core.error.ConflictException;
import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.core.paging.Cursor;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.persistence.QueryBuilder;
import org.calmdesk.core.persistence.QueryBuilder.SortKey;
import org.calmdesk.core.persistence.Transactions;
import org.calmdesk.followup.api.FollowUp;
import org.calmdesk.followup.api.FollowUpQuery;
import org.calmdesk.followup.api.FollowUpStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The follow-ups in the {@code calmdesk.followup} unit: every query and transaction of the
 * module. Time-driven work claims rows with conditional updates and call-backs are created once
 * per origin key, so nodes sharing one database each do a row's work once. The service, the
 * scheduler, the listeners, the erasure handler and the timeline contributor share this one
 * component (a service of the bundle's internal package only).
 */
@Component(service = FollowUpStore.class)
public class FollowUpStore {

    private static final List<FollowUpStatus> OPEN = List.of(FollowUpStatus.PENDING, FollowUpStatus.OVERDUE);

    private final Transactions tx;

    @Activate
    public FollowUpStore(@Reference(target = "(osgi.unit.name=calmdesk.followup)") EntityManagerFactory emf) {
        this.tx = new Transactions(emf);
    }

    /**
     * Runs {@code work} as one transaction of this unit: the store's writes it makes join it, and
     * so do the events it appends ({@link org.calmdesk.core.events.EventLog#append}); retried whole
     * when it lost a race.
     */
    <T> T atomically(java.util.function.Supplier<T> work) {
        return tx.inTransaction(em -> work.get());
    }

    /** What a change of an open follow-up did: the changed one, and the next of its series when one was scheduled. */
    record Changed(FollowUp changed, FollowUp next) {
    }

    /** A follow-up created once per origin key: whether this call created it, and the earlier ones it superseded. */
    record Created(FollowUp followUp, boolean created, List<FollowUp> cancelled) {
    }

    // ---- writes ----

    FollowUp insert(FollowUpEntity entity) {
        return tx.inTransaction(em -> {
            em.persist(entity);
            em.flush();
            return entity.toDto();
        });
    }

    /**
     * Changes an open follow-up under its row lock; a done or cancelled one is a 409 naming what
     * is allowed. The change may return the next follow-up of a series, inserted in the same
     * transaction (the work is retried whole if it lost a race).
     */
    Changed changeOpen(String id, String action, Function<FollowUpEntity, FollowUpEntity> change) {
        return tx.inTransaction(em -> {
            FollowUpEntity entity = em.find(FollowUpEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (entity == null) {
                throw new NotFoundException("Follow-up", id);
            }
            if (!entity.status().isOpen()) {
                throw new ConflictException("Follow-up " + id + " is " + entity.status() + " and cannot " + action,
                        Map.of("currentStatus", entity.status().name(), "allowed", List.of()));
            }
            FollowUpEntity next = change.apply(entity);
            if (next != null) {
                em.persist(next);
            }
            em.flush();
            return new Changed(entity.toDto(), next == null ? null : next.toDto());
        });
    }

    /**
     * Inserts the follow-up {@code create} builds unless one with {@code originKey} exists (a
     * redelivered event or a racing node finds the existing row: the key is unique). With a
     * {@code supersededTicketId}, the open follow-ups of that ticket's earlier resolutions are
     * cancelled in the same transaction.
     */
    Created insertOnce(String originKey, String supersededTicketId, Instant now, Supplier<FollowUpEntity> create) {
        return tx.inTransaction(em -> {
            Optional<FollowUpEntity> existing = em.createQuery("SELECT f FROM FollowUpEntity f WHERE f.originKey = :key",
                    FollowUpEntity.class).setParameter("key", originKey).getResultStream().findFirst();
            if (existing.isPresent()) {
                return new Created(existing.get().toDto(), false, List.of());
            }
            List<FollowUp> cancelled = supersededTicketId == null ? List.of() : cancelOpenOfTicket(em, supersededTicketId, now);
            FollowUpEntity entity = create.get();
            em.persist(entity);
            em.flush();
            return new Created(entity.toDto(), true, cancelled);
        });
    }

    /** The follow-up a ticket's commitment promises, once per resolution; it supersedes those of earlier resolutions. */
    Created fromTicket(TicketCommitment commitment, FollowUpPolicy policy, Instant now) {
        return insertOnce(commitment.originKey(), commitment.ticketId(), now, () -> commitment.newFollowUp(policy, now));
    }

    /** Cancels the open follow-ups of a ticket's resolutions; returns them. */
    List<FollowUp> cancelOpenOfTicket(String ticketId, Instant now) {
        return tx.inTransaction(em -> cancelOpenOfTicket(em, ticketId, now));
    }

    /**
     * Cancels every open follow-up of a ticket, whatever made it (its resolutions, a call-back, an
     * agent); returns them (none when run again).
     */
    List<FollowUp> cancelAllOpenOfTicket(String ticketId, Instant now) {
        return tx.inTransaction(em -> {
            List<FollowUpEntity> cancelled = em.createQuery("SELECT f FROM FollowUpEntity f WHERE f.ticketId = :ticket"
                    + " AND f.status IN :open ORDER BY f.id", FollowUpEntity.class).setParameter("ticket", ticketId)
                    .setParameter("open", OPEN).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
            cancelled.forEach(open -> open.cancel(now));
            em.flush();
            return cancelled.stream().map(FollowUpEntity::toDto).toList();
        });
    }

    /**
     * Cancels the customer's open follow-ups and replaces the purpose and outcome texts of all of
     * them with {@code marker}; returns the ones cancelled now (none when redelivered).
     */
    List<FollowUp> forgetCustomer(String customerId, String marker, Instant now) {
        return tx.inTransaction(em -> {
            List<FollowUp> closed = new ArrayList<>();
            for (FollowUpEntity entity : em.createQuery("SELECT f FROM FollowUpEntity f WHERE f.customerId = :customer",
                    FollowUpEntity.class).setParameter("customer", customerId).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultList()) {
                entity.redact(marker);
                if (entity.status().isOpen()) {
                    entity.cancel(now);
                    closed.add(entity.toDto());
                }
            }
            em.flush();
            return closed;
        });
    }

    /**
     * Moves a merged customer's follow-ups to the customer they were merged into, in one
     * transaction; running it again moves nothing. Returns how many moved.
     */
    int moveCustomer(String sourceId, String targetId) {
        return tx.inTransaction(em -> em.createQuery("UPDATE FollowUpEntity f SET f.customerId = :target,"
                + " f.version = f.version + 1 WHERE f.customerId = :source")
                .setParameter("target", targetId).setParameter("source", sourceId).executeUpdate());
    }

    /** PENDING past due becomes OVERDUE; returns the follow-ups this node claimed (each is claimed once). */
    List<FollowUp> claimOverdue(Instant now) {
        String claim = Ids.newId();
        int claimed = tx.inTransaction(em -> em.createQuery("UPDATE FollowUpEntity f SET f.status = :overdue,"
                + " f.overdueClaim = :claim, f.updatedAt = :now, f.version = f.version + 1"
                + " WHERE f.status = :pending AND f.dueAt < :now")
                .setParameter("overdue", FollowUpStatus.OVERDUE).setParameter("claim", claim).setParameter("now", now)
                .setParameter("pending", FollowUpStatus.PENDING).executeUpdate());
        return claimed == 0 ? List.of() : claimedBy("overdueClaim", claim);
    }

    /** PENDING follow-ups due within {@code lead}, not yet reminded; returns those this node claimed. */
    List<FollowUp> claimReminders(Instant now, Duration lead) {
        String claim = Ids.newId();
        int claimed = tx.inTransaction(em -> em.createQuery("UPDATE FollowUpEntity f SET f.reminderClaim = :claim,"
                + " f.version = f.version + 1"
                + " WHERE f.status = :pending AND f.reminderClaim IS NULL AND f.dueAt >= :now AND f.dueAt <= :horizon")
                .setParameter("claim", claim).setParameter("pending", FollowUpStatus.PENDING).setParameter("now", now)
                .setParameter("horizon", now.plus(lead)).executeUpdate());
        return claimed == 0 ? List.of() : claimedBy("reminderClaim", claim);
    }

    // ---- reads ----

    Optional<FollowUp> find(String id) {
        return tx.read(em -> Optional.ofNullable(em.find(FollowUpEntity.class, id)).map(FollowUpEntity::toDto));
    }

    Page<FollowUp> list(FollowUpQuery query, PageRequest page) {
        QueryBuilder jpql = QueryBuilder.select("SELECT f FROM FollowUpEntity f")
                .filter("f.status = :status", "status", query.status())
                .filter("f.assignee = :assignee", "assignee", query.assignee())
                .filter("f.customerId = :customer", "customer", query.customerId())
                .filter("f.ticketId = :ticket", "ticket", query.ticketId())
                .filter("f.dueAt < :dueBefore", "dueBefore", query.dueBefore())
                .orderBy(page, SortKey.ascending("f.dueAt").instant(), SortKey.ascending("f.id"));
        return tx.read(em -> jpql.page(em, FollowUpEntity.class, page, f -> Cursor.of(f.dueAt().toString(), f.id()))
                .map(FollowUpEntity::toDto));
    }

    /**
     * Counts by assignee, status and punctuality of the follow-ups due in {@code [from, to)}, either
     * those already due at {@code now} or those still ahead of it.
     */
    List<Object[]> countsByAssignee(Instant from, Instant to, Instant now, boolean alreadyDue) {
        return tx.read(em -> em.createQuery("SELECT f.assignee, f.status, f.punctuality, COUNT(f)"
                + " FROM FollowUpEntity f WHERE f.dueAt >= :from AND f.dueAt < :to AND f.dueAt " + (alreadyDue ? "<" : ">=")
                + " :now GROUP BY f.assignee, f.status, f.punctuality", Object[].class)
                .setParameter("from", from).setParameter("to", to).setParameter("now", now).getResultList());
    }

    /** The customer's most recently created follow-ups, newest first. */
    List<FollowUp> recentOfCustomer(String customerId, int limit) {
        return tx.read(em -> em.createQuery("SELECT f FROM FollowUpEntity f WHERE f.customerId = :customer"
                + " ORDER BY f.createdAt DESC, f.id DESC", FollowUpEntity.class).setParameter("customer", customerId)
                .setMaxResults(limit).getResultStream().map(FollowUpEntity::toDto).toList());
    }

    /** The origin keys among {@code keys} that already have a follow-up. */
    Set<String> existingOrigins(List<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(tx.read(em -> em.createQuery("SELECT f.originKey FROM FollowUpEntity f WHERE f.originKey IN :keys",
                String.class).setParameter("keys", keys).getResultList()));
    }

    // ---- helpers ----

    private List<FollowUp> claimedBy(String field, String claim) {
        return tx.read(em -> em.createQuery("SELECT f FROM FollowUpEntity f WHERE f." + field + " = :claim ORDER BY f.dueAt",
                FollowUpEntity.class).setParameter("claim", claim).getResultStream().map(FollowUpEntity::toDto).toList());
    }

    private static List<FollowUp> cancelOpenOfTicket(EntityManager em, String ticketId, Instant now) {
        List<FollowUpEntity> cancelled = new ArrayList<>();
        for (FollowUpEntity open : em.createQuery("SELECT f FROM FollowUpEntity f WHERE f.ticketId = :ticket"
                + " AND f.status IN :open AND f.originKey LIKE :origin", FollowUpEntity.class)
                .setParameter("ticket", ticketId).setParameter("open", OPEN).setParameter("origin", "ticket:" + ticketId + ":%")
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList()) {
            open.cancel(now);
            cancelled.add(open);
        }
        em.flush();
        return cancelled.stream().map(FollowUpEntity::toDto).toList();
    }
}
