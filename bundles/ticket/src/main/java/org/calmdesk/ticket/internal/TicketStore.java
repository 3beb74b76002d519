package org.calmdesk.ticket.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;

import org.calmdesk.core.Ids;
import org.calmdesk.core.error.ConflictException;
import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.core.error.StaleVersionException;
import org.calmdesk.core.error.ValidationException;
import org.calmdesk.core.paging.Cursor;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.persistence.QueryBuilder;
import org.calmdesk.core.persistence.QueryBuilder.SortKey;
import org.calmdesk.core.persistence.Transactions;
import org.calmdesk.ticket.api.Comment;
import org.calmdesk.ticket.api.HistoryEntry;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketQuery;
import org.calmdesk.ticket.api.TicketStats;
import org.calmdesk.ticket.api.TicketStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The tickets, their comments and history in the {@code calmdesk.ticket} unit: every query and
 * transaction of the module. A change runs under the ticket's row lock and records its history in
 * the same transaction. The service, the SLA monitor, the erasure handler and the timeline
 * contributor share this one component (a service of the bundle's internal package only).
 */
@Component(service = TicketStore.class)
public class TicketStore {

    /** The JPQL twin of {@link TicketEntity#breached(Instant)}: missed once, or overdue right now. */
    private static final String BREACHED_NOW = "(t.breachedAt IS NOT NULL OR (t.status NOT IN :done AND t.waitingSince IS NULL"
            + " AND ((t.firstRespondedAt IS NULL AND t.firstResponseDue < :now) OR t.resolutionDue < :now)))";
    /** On PostgreSQL the SLA check reads ticket_ticket_open_ix, whose predicate names TicketEntity.DONE (ticket changeset 4). */
    private static final String OVERDUE_NOW = "t.status NOT IN :done AND t.waitingSince IS NULL"
            + " AND ((t.firstRespondedAt IS NULL AND t.firstResponseDue < :now) OR t.resolutionDue < :now)";

    private final Transactions tx;
    private final TicketNumbers numbers;
    private final StatsDays statsDays = new StatsDays();

    @Activate
    public TicketStore(@Reference(target = "(osgi.unit.name=calmdesk.ticket)") EntityManagerFactory emf) {
        this.tx = new Transactions(emf);
        this.numbers = TicketNumbers.create(tx);
    }

    /**
     * Runs {@code work} as one transaction of this unit: the store's writes it makes join it, and
     * so do the events it appends ({@link org.calmdesk.core.events.EventLog#append}); retried whole
     * when it lost a race.
     */
    <T> T atomically(java.util.function.Supplier<T> work) {
        return tx.inTransaction(em -> work.get());
    }

    /** Writes history entries of one change: one ticket, one moment, one actor. */
    static final class History {
        private final EntityManager em;
        private final TicketEntity ticket;
        private final Instant at;
        private final String actor;

        private History(EntityManager em, TicketEntity ticket, Instant at, String actor) {
            this.em = em;
            this.ticket = ticket;
            this.at = at;
            this.actor = actor == null ? "system" : actor;
        }

        void record(String action, String from, String to, String note) {
            em.persist(new TicketHistoryEntity(Ids.newId(), ticket.id(), ticket.customerId(), at, actor, action, from, to, note));
        }
    }

    // ---- writes ----

    /** Inserts the ticket built with its new number, with the history {@code opened} records. */
    Ticket insert(Function<String, TicketEntity> withNumber, Instant now, String actor, BiConsumer<TicketEntity, History> opened) {
        return tx.inTransaction(em -> {
            TicketEntity entity = withNumber.apply(numbers.next(em));
            em.persist(entity);
            opened.accept(entity, new History(em, entity, now, actor));
            em.flush(); // the insert sets the first version
            return entity.toDto(now);
        });
    }

    /**
     * Changes one ticket under its row lock in one transaction (retried whole if it lost a race, so
     * the change must only depend on the entity it is given).
     *
     * @param expectedVersion the version the caller read, or null to change whatever is current
     */
    Ticket change(String id, Long expectedVersion, Instant now, String actor, BiConsumer<TicketEntity, History> change) {
        return tx.inTransaction(em -> {
            TicketEntity entity = locked(em, id);
            if (expectedVersion != null && expectedVersion != entity.version()) {
                throw new StaleVersionException(expectedVersion, entity.version());
            }
            StatsDays.Member before = entity.statsMember();
            change.accept(entity, new History(em, entity, now, actor));
            statsDays.changed(em, entity.createdAt(), before, entity.statsMember(), now);
            em.flush();
            return entity.toDto(now);
        });
    }

    Comment addComment(String ticketId, String body, boolean internal, String actor, Instant now) {
        return tx.inTransaction(em -> {
            TicketEntity entity = em.find(TicketEntity.class, ticketId);
            if (entity == null) {
                throw new NotFoundException("Ticket", ticketId);
            }
            TicketCommentEntity comment = new TicketCommentEntity(Ids.newId(), ticketId, body, internal, actor, now);
            em.persist(comment);
            new History(em, entity, now, actor).record("COMMENT", null, internal ? "INTERNAL" : "PUBLIC", null);
            return comment.toDto();
        });
    }

    /** What a merge changed: the target, and each source closed now with the status it had. */
    record Merge(Ticket target, List<MergedSource> merged) {
    }

    record MergedSource(Ticket source, String from) {
    }

    /**
     * Closes each source as merged into the target, under the rows' locks (taken in id order, so
     * two merges over the same tickets cannot deadlock), recording the merge in both histories.
     * Every source is checked before any changes: a source already merged into the target is
     * skipped; a closed target or source, or one of another customer, is a conflict.
     */
    Merge merge(String targetId, List<String> sourceIds, Instant now, String actor) {
        return tx.inTransaction(em -> {
            java.util.SortedSet<String> ids = new java.util.TreeSet<>(sourceIds);
            ids.add(targetId);
            Map<String, TicketEntity> locked = new LinkedHashMap<>();
            for (String id : ids) {
                locked.put(id, locked(em, id));
            }
            TicketEntity target = locked.get(targetId);
            if (target.status() == TicketStatus.CLOSED) {
                throw closed(target, "target");
            }
            Map<TicketEntity, String> toMerge = new LinkedHashMap<>();
            for (String id : sourceIds) {
                TicketEntity source = locked.get(id);
                if (targetId.equals(source.mergedInto()) || toMerge.containsKey(source)) {
                    continue; // merged before (or listed twice): nothing to do
                }
                if (source.status() == TicketStatus.CLOSED) {
                    throw closed(source, "source");
                }
                if (!source.customerId().equals(target.customerId())) {
                    throw new ConflictException("Ticket " + source.number() + " belongs to another customer than "
                            + target.number() + "; only one customer's tickets can be merged",
                            Map.of("ticketId", source.id(), "customerId", source.customerId(), "targetCustomerId",
                                    target.customerId()));
                }
                toMerge.put(source, source.status().name());
            }
            History onTarget = new History(em, target, now, actor);
            toMerge.forEach((source, from) -> {
                StatsDays.Member before = source.statsMember();
                source.mergeInto(targetId, now);
                statsDays.changed(em, source.createdAt(), before, source.statsMember(), now);
                History onSource = new History(em, source, now, actor);
                onSource.record("STATUS", from, TicketStatus.CLOSED.name(), "merged into " + target.number());
                onSource.record("MERGED_INTO", null, target.number(), "merged into " + target.number() + " (ticket "
                        + target.id() + ")");
                onTarget.record("MERGED_FROM", null, source.number(), "merged from " + source.number() + " (ticket "
                        + source.id() + "): its comments are listed with this ticket's, its history under its own number");
            });
            if (!toMerge.isEmpty()) {
                target.touch(now);
            }
            em.flush();
            List<MergedSource> merged = toMerge.entrySet().stream()
                    .map(e -> new MergedSource(e.getKey().toDto(now), e.getValue())).toList();
            return new Merge(target.toDto(now), merged);
        });
    }

    private static ConflictException closed(TicketEntity ticket, String role) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("currentStatus", ticket.status().name());
        members.put("ticketId", ticket.id());
        if (ticket.mergedInto() != null) {
            members.put("mergedInto", ticket.mergedInto());
        }
        return new ConflictException("The " + role + " ticket " + ticket.number() + " is " + ticket.status()
                + (ticket.mergedInto() != null ? " (merged into " + ticket.mergedInto() + ")" : "")
                + "; only open or resolved tickets can be merged", members);
    }

    /** The new ticket and the one it was split off, after the split. */
    record Split(Ticket created, Ticket source) {
    }

    /**
     * Splits a ticket under its row lock: inserts the new ticket {@code opened} builds from the
     * source and a number, moves the named comments of the source to it, and records the split in
     * both histories. A merged source is a conflict; a comment of another ticket a validation error.
     */
    Split split(String sourceId, BiFunction<TicketEntity, String, TicketEntity> newTicket, List<String> commentIds,
            Instant now, String actor, BiConsumer<TicketEntity, History> opened) {
        return tx.inTransaction(em -> {
            TicketEntity source = locked(em, sourceId);
            if (source.mergedInto() != null) {
                throw new ConflictException("Ticket " + source.number() + " was merged into " + source.mergedInto()
                        + "; split the ticket it was merged into", Map.of("currentStatus", source.status().name(),
                                "mergedInto", source.mergedInto()));
            }
            List<String> moving = commentIds == null ? List.of() : commentIds.stream().map(String::trim).distinct().toList();
            if (!moving.isEmpty()) {
                List<String> own = em.createQuery("SELECT c.id FROM TicketCommentEntity c WHERE c.ticketId = :t AND c.id IN :ids",
                        String.class).setParameter("t", sourceId).setParameter("ids", moving).getResultList();
                List<String> foreign = moving.stream().filter(id -> !own.contains(id)).toList();
                if (!foreign.isEmpty()) {
                    throw new ValidationException("commentIds", "not comments of ticket " + source.number() + ": " + foreign);
                }
            }
            TicketEntity created = newTicket.apply(source, numbers.next(em));
            created.splitFrom(source.id());
            em.persist(created);
            opened.accept(created, new History(em, created, now, actor));
            String moved = moving.isEmpty() ? "" : "; " + moving.size() + (moving.size() == 1 ? " comment" : " comments") + " moved";
            new History(em, created, now, actor).record("SPLIT_FROM", null, source.number(), "split from " + source.number() + moved);
            new History(em, source, now, actor).record("SPLIT_INTO", null, created.number(), "split into " + created.number() + moved);
            source.touch(now);
            em.flush();
            if (!moving.isEmpty()) {
                em.createQuery("UPDATE TicketCommentEntity c SET c.ticketId = :created WHERE c.ticketId = :source AND c.id IN :ids")
                        .setParameter("created", created.id()).setParameter("source", sourceId).setParameter("ids", moving)
                        .executeUpdate();
            }
            return new Split(created.toDto(now), source.toDto(now));
        });
    }

    /**
     * Raises the escalation of one overdue ticket, re-checked under its row lock so that a node
     * that waited for another's lock sees the raised level and does nothing.
     *
     * @return the escalation made, or empty when the ticket is no longer due for one
     */
    Optional<Escalation> escalate(String id, Instant now, Duration step) {
        return tx.inTransaction(em -> {
            TicketEntity ticket = em.find(TicketEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (ticket == null || !ticket.escalationDue(now, step)) {
                return Optional.empty();
            }
            String breach = ticket.overdueTarget(now);
            int from = ticket.escalationLevel();
            ticket.escalate(now);
            new History(em, ticket, now, "sla").record("ESCALATED", String.valueOf(from),
                    String.valueOf(ticket.escalationLevel()), breach + " target missed");
            em.flush();
            return Optional.of(new Escalation(ticket.toDto(now), breach, from, ticket.escalationLevel()));
        });
    }

    record Escalation(Ticket ticket, String breach, int fromLevel, int toLevel) {
    }

    /** Replaces the customer's words in their tickets, comments and history notes; returns how many tickets they have. */
    int redactCustomer(String customerId, String marker) {
        return tx.inTransaction(em -> {
            List<TicketEntity> tickets = em.createQuery("SELECT t FROM TicketEntity t WHERE t.customerId = :customer",
                    TicketEntity.class).setParameter("customer", customerId).getResultList();
            tickets.forEach(t -> t.redact(marker));
            em.createQuery("UPDATE TicketCommentEntity c SET c.body = :marker WHERE c.ticketId IN"
                    + " (SELECT t.id FROM TicketEntity t WHERE t.customerId = :customer)")
                    .setParameter("marker", marker).setParameter("customer", customerId).executeUpdate();
            em.createQuery("UPDATE TicketHistoryEntity h SET h.note = :marker WHERE h.customerId = :customer AND h.note IS NOT NULL")
                    .setParameter("marker", marker).setParameter("customer", customerId).executeUpdate();
            return tickets.size();
        });
    }

    /**
     * Moves a merged customer's tickets and their history to the customer they were merged into,
     * in one transaction; running it again moves nothing. Returns how many tickets moved.
     */
    int moveCustomer(String sourceId, String targetId) {
        return tx.inTransaction(em -> {
            int tickets = em.createQuery("UPDATE TicketEntity t SET t.customerId = :target, t.version = t.version + 1"
                    + " WHERE t.customerId = :source").setParameter("target", targetId).setParameter("source", sourceId)
                    .executeUpdate();
            em.createQuery("UPDATE TicketHistoryEntity h SET h.customerId = :target WHERE h.customerId = :source")
                    .setParameter("target", targetId).setParameter("source", sourceId).executeUpdate();
            return tickets;
        });
    }

    // ---- reads ----

    Optional<Ticket> find(String id, Instant now) {
        return tx.read(em -> Optional.ofNullable(em.find(TicketEntity.class, id)).map(t -> t.toDto(now)));
    }

    Optional<Ticket> findByNumber(String number, Instant now) {
        return tx.read(em -> em.createQuery("SELECT t FROM TicketEntity t WHERE t.number = :n", TicketEntity.class)
                .setParameter("n", number.toUpperCase(Locale.ROOT)).getResultStream().findFirst().map(t -> t.toDto(now)));
    }

    Page<Ticket> list(TicketQuery query, PageRequest page, Instant now) {
        QueryBuilder jpql = QueryBuilder.select("SELECT t FROM TicketEntity t")
                .filter("t.status = :status", "status", query.status())
                .filter("t.customerId = :customer", "customer", query.customerId())
                .filter("t.category = :category", "category", query.category())
                .filter("t.priority = :priority", "priority", query.priority())
                .filter("t.assignee = :assignee", "assignee", query.assignee())
                .whereIf(query.breached() != null, (Boolean.FALSE.equals(query.breached()) ? "NOT " : "") + BREACHED_NOW,
                        "done", TicketEntity.DONE, "now", now)
                .filterContains("t.searchText", "q", query.q() == null ? null : query.q().toLowerCase(Locale.ROOT))
                .orderBy(page, SortKey.descending("t.id"));
        return tx.read(em -> jpql.page(em, TicketEntity.class, page, t -> Cursor.of(t.id())).map(t -> t.toDto(now)));
    }

    /** The ticket's comments and those of the tickets merged into it (and into those), oldest first. */
    List<Comment> comments(String ticketId) {
        return tx.read(em -> {
            requireTicket(em, ticketId);
            List<String> tickets = new java.util.ArrayList<>(List.of(ticketId));
            List<String> merged = mergedInto(em, List.of(ticketId));
            while (!merged.isEmpty() && tickets.size() < MAX_MERGED) {
                tickets.addAll(merged);
                merged = mergedInto(em, merged);
            }
            return em.createQuery("SELECT c FROM TicketCommentEntity c WHERE c.ticketId IN :t ORDER BY c.id",
                    TicketCommentEntity.class).setParameter("t", tickets).getResultStream().map(TicketCommentEntity::toDto).toList();
        });
    }

    /** How many tickets' comments one ticket lists at most (itself and those merged into it). */
    private static final int MAX_MERGED = 500;

    private static List<String> mergedInto(EntityManager em, List<String> targets) {
        return em.createQuery("SELECT t.id FROM TicketEntity t WHERE t.mergedInto IN :targets ORDER BY t.id", String.class)
                .setParameter("targets", targets).getResultList();
    }

    Page<HistoryEntry> history(String ticketId, PageRequest page) {
        QueryBuilder jpql = QueryBuilder.select("SELECT h FROM TicketHistoryEntity h")
                .where("h.ticketId = :t", "t", ticketId)
                .orderBy(page, SortKey.ascending("h.id"));
        return tx.read(em -> {
            requireTicket(em, ticketId);
            return jpql.page(em, TicketHistoryEntity.class, page, h -> Cursor.of(h.id())).map(TicketHistoryEntity::toDto);
        });
    }

    /** The customer's history entries of the given actions, newest first, each with its ticket's number. */
    <T> List<T> customerHistory(String customerId, List<String> actions, int limit,
            BiFunction<TicketHistoryEntity, String, T> mapper) {
        return tx.read(em -> em.createQuery("SELECT h, t.number FROM TicketHistoryEntity h, TicketEntity t"
                + " WHERE t.id = h.ticketId AND h.customerId = :customer AND h.action IN :actions"
                + " ORDER BY h.at DESC, h.id DESC", Object[].class)
                .setParameter("customer", customerId).setParameter("actions", actions).setMaxResults(limit)
                .getResultStream().map(row -> mapper.apply((TicketHistoryEntity) row[0], (String) row[1])).toList());
    }

    /** Ids of open tickets overdue now whose escalation is due (none yet, or the last one a step ago), oldest id first. */
    List<String> escalationCandidates(Instant now, Duration step, int limit) {
        return tx.read(em -> em.createQuery("SELECT t.id FROM TicketEntity t WHERE t.escalationLevel < 3 AND " + OVERDUE_NOW
                + " AND (t.escalatedAt IS NULL OR t.escalatedAt <= :stepAgo) ORDER BY t.id", String.class)
                .setParameter("done", TicketEntity.DONE).setParameter("now", now)
                .setParameter("stepAgo", now.minus(step)).setMaxResults(limit).getResultList());
    }

    /** The statistics of tickets opened in [start, end) ({@link StatsDays}: roll-ups of sealed days, rows for the rest). */
    TicketStats stats(Instant start, Instant end, Instant now) {
        return tx.inTransaction(em -> statsDays.stats(em, start, end, now));
    }

    /** Seals the statistics' days that are due; returns how many. */
    int sealStatsDays(Instant now) {
        return statsDays.seal(tx, now);
    }

    // ---- helpers ----

    private static TicketEntity locked(EntityManager em, String id) {
        TicketEntity entity = em.find(TicketEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (entity == null) {
            throw new NotFoundException("Ticket", id);
        }
        return entity;
    }

    private static void requireTicket(EntityManager em, String id) {
        if (em.find(TicketEntity.class, id) == null) {
            throw new NotFoundException("Ticket", id);
        }
    }
}
