package org.calmdesk.followup.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;
import javax.persistence.TypedQuery;

import org.calmdesk.core.Ids;
import org.calmdesk.core.error.ConflictException;
import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.core.error.ValidationException;
import org.calmdesk.core.paging.Cursor;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.persistence.Transactions;
import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.customer.api.Customer;
import org.calmdesk.customer.api.CustomerService;
import org.calmdesk.customer.api.LiveCustomers;
import org.calmdesk.followup.api.Completion;
import org.calmdesk.followup.api.FollowUp;
import org.calmdesk.followup.api.FollowUpChannel;
import org.calmdesk.followup.api.FollowUpDraft;
import org.calmdesk.followup.api.FollowUpEvents;
import org.calmdesk.followup.api.FollowUpQuery;
import org.calmdesk.followup.api.FollowUpService;
import org.calmdesk.followup.api.FollowUpStats;
import org.calmdesk.followup.api.FollowUpStatus;
import org.calmdesk.ticket.api.CustomerTickets;
import org.calmdesk.ticket.api.TicketService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Follow-ups in the {@code calmdesk.followup} persistence unit. */
@Component(service = { FollowUpService.class, JpaFollowUpService.class })
public class JpaFollowUpService implements FollowUpService {

    /** Clock skew tolerated for a due time given by a client. */
    private static final Duration PAST_TOLERANCE = Duration.ofMinutes(5);
    private static final Duration DEFAULT_STATS_WINDOW = Duration.ofDays(30);
    private static final List<FollowUpStatus> OPEN = List.of(FollowUpStatus.PENDING, FollowUpStatus.OVERDUE);

    private final Transactions tx;
    private final BeanValidator validator;
    private final EventAdmin events;
    private final FollowUpSettings settings;
    private final Clock clock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile CustomerService customers;

    /** Optional: without the ticket module follow-ups are manual and a ticketId is kept as given. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TicketService tickets;

    @Activate
    public JpaFollowUpService(@Reference(target = "(osgi.unit.name=calmdesk.followup)") EntityManagerFactory emf,
            @Reference BeanValidator validator, @Reference EventAdmin events, @Reference FollowUpSettings settings) {
        this(emf, validator, events, settings, Clock.systemUTC());
    }

    JpaFollowUpService(EntityManagerFactory emf, BeanValidator validator, EventAdmin events, FollowUpSettings settings,
            Clock clock) {
        this.tx = new Transactions(emf);
        this.validator = validator;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public FollowUp create(FollowUpDraft draft, String actor) {
        validator.validate(draft);
        Period period = Recurrence.parse(draft.recurrence());
        Instant now = now();
        Instant due = draft.dueAt().truncatedTo(ChronoUnit.MILLIS);
        if (due.isBefore(now.minus(PAST_TOLERANCE))) {
            throw new ValidationException("dueAt", "must not be in the past");
        }
        String customerId = liveCustomer(draft.customerId().trim()).id();
        checkTicket(draft.ticketId(), customerId);
        FollowUp created = tx.inTransaction(em -> {
            String id = Ids.newId();
            FollowUpEntity entity = new FollowUpEntity(id, customerId, draft.ticketId(), due, draft.channel(),
                    draft.purpose(), draft.assignee(), period == null ? null : period.toString(),
                    period == null ? null : id, period == null ? null : due, 0, null, now);
            em.persist(entity);
            em.flush();
            return entity.toDto();
        });
        post(FollowUpEvents.CREATED, created, actor);
        return created;
    }

    @Override
    public Optional<FollowUp> find(String id) {
        return tx.read(em -> Optional.ofNullable(em.find(FollowUpEntity.class, id)).map(FollowUpEntity::toDto));
    }

    @Override
    public Page<FollowUp> list(FollowUpQuery query, PageRequest page) {
        StringBuilder jpql = new StringBuilder("SELECT f FROM FollowUpEntity f WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (query.status() != null) {
            jpql.append(" AND f.status = :status");
            params.put("status", query.status());
        }
        if (query.assignee() != null && !query.assignee().isBlank()) {
            jpql.append(" AND f.assignee = :assignee");
            params.put("assignee", query.assignee().trim());
        }
        if (query.customerId() != null && !query.customerId().isBlank()) {
            jpql.append(" AND f.customerId = :customer");
            params.put("customer", query.customerId().trim());
        }
        if (query.ticketId() != null && !query.ticketId().isBlank()) {
            jpql.append(" AND f.ticketId = :ticket");
            params.put("ticket", query.ticketId().trim());
        }
        if (query.dueBefore() != null) {
            jpql.append(" AND f.dueAt < :dueBefore");
            params.put("dueBefore", query.dueBefore());
        }
        if (page.after() != null) {
            jpql.append(" AND (f.dueAt > :afterDue OR (f.dueAt = :afterDue AND f.id > :afterId))");
            params.put("afterDue", parseInstant(page.after().key(0)));
            params.put("afterId", page.after().key(1));
        }
        jpql.append(" ORDER BY f.dueAt, f.id");
        return tx.read(em -> {
            TypedQuery<FollowUpEntity> typed = em.createQuery(jpql.toString(), FollowUpEntity.class);
            params.forEach(typed::setParameter);
            List<FollowUpEntity> rows = typed.setMaxResults(page.fetchSize()).getResultList();
            return Page.fromFetched(rows, page, f -> Cursor.of(f.dueAt().toString(), f.id())).map(FollowUpEntity::toDto);
        });
    }

    @Override
    public FollowUp complete(String id, Completion completion, String actor) {
        validator.validate(completion);
        FollowUpPolicy policy = settings.policy();
        List<FollowUp> next = new ArrayList<>(1);
        FollowUp done = tx.inTransaction(em -> {
            next.clear();
            Instant now = now();
            FollowUpEntity entity = open(em, id, "complete");
            entity.complete(completion.summary(), completion.customerSatisfied(), policy.onTimeGrace(), now);
            if (entity.recurrence() != null && entity.seriesId() != null) {
                Period period = Period.parse(entity.recurrence());
                int occurrence = Recurrence.nextOccurrence(entity.seriesAnchor(), period, entity.occurrence(), now, policy.zone());
                FollowUpEntity following = new FollowUpEntity(Ids.newId(), entity.customerId(), entity.ticketId(),
                        Recurrence.due(entity.seriesAnchor(), period, occurrence, policy.zone()), entity.channel(),
                        entity.purpose(), entity.assignee(), entity.recurrence(), entity.seriesId(), entity.seriesAnchor(),
                        occurrence, "series:" + entity.seriesId() + ":" + occurrence, now);
                em.persist(following);
                em.flush();
                next.add(following.toDto());
            }
            em.flush();
            return entity.toDto();
        });
        Map<String, Object> props = properties(done, actor);
        props.put(FollowUpEvents.CUSTOMER_SATISFIED, completion.customerSatisfied());
        props.put(FollowUpEvents.SUMMARY, completion.summary().trim());
        events.postEvent(new Event(FollowUpEvents.COMPLETED, props));
        next.forEach(f -> post(FollowUpEvents.CREATED, f, actor));
        return done;
    }

    @Override
    public FollowUp cancel(String id, String actor) {
        FollowUp cancelled = tx.inTransaction(em -> {
            FollowUpEntity entity = open(em, id, "cancel");
            entity.cancel(now());
            em.flush();
            return entity.toDto();
        });
        post(FollowUpEvents.CANCELLED, cancelled, actor);
        return cancelled;
    }

    /**
     * The customer was erased: nobody is left to call, so their open follow-ups are cancelled, and
     * the purpose and outcome texts of all their follow-ups become {@code marker}. Returns the
     * cancelled ones; a redelivered erasure cancels nothing more.
     */
    List<FollowUp> forgetCustomer(String customerId, String marker, String actor) {
        List<FollowUp> cancelled = tx.inTransaction(em -> {
            Instant now = now();
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
        cancelled.forEach(f -> post(FollowUpEvents.CANCELLED, f, actor));
        return cancelled;
    }

    @Override
    public FollowUp reschedule(String id, Instant dueAt, String actor) {
        if (dueAt == null) {
            throw new ValidationException("dueAt", "is required");
        }
        Instant now = now();
        if (!dueAt.isAfter(now)) {
            throw new ValidationException("dueAt", "must be in the future");
        }
        FollowUp moved = tx.inTransaction(em -> {
            FollowUpEntity entity = open(em, id, "reschedule");
            entity.reschedule(dueAt.truncatedTo(ChronoUnit.MILLIS), now);
            em.flush();
            return entity.toDto();
        });
        post(FollowUpEvents.RESCHEDULED, moved, actor);
        return moved;
    }

    @Override
    public FollowUpStats stats(Instant from, Instant to) {
        Instant now = now();
        Instant end = to == null ? now : to;
        Instant start = from == null ? end.minus(DEFAULT_STATS_WINDOW) : from;
        if (!start.isBefore(end)) {
            throw new ValidationException("from", "must be before to");
        }
        List<Object[]> rows = tx.read(em -> em.createQuery("SELECT f.assignee, f.status, f.punctuality, COUNT(f)"
                + " FROM FollowUpEntity f WHERE f.dueAt >= :from AND f.dueAt < :to AND f.dueAt < :now"
                + " GROUP BY f.assignee, f.status, f.punctuality", Object[].class)
                .setParameter("from", start).setParameter("to", end).setParameter("now", now).getResultList());
        List<Object[]> future = tx.read(em -> em.createQuery("SELECT f.assignee, f.status, f.punctuality, COUNT(f)"
                + " FROM FollowUpEntity f WHERE f.dueAt >= :from AND f.dueAt < :to AND f.dueAt >= :now"
                + " GROUP BY f.assignee, f.status, f.punctuality", Object[].class)
                .setParameter("from", start).setParameter("to", end).setParameter("now", now).getResultList());
        Map<String, long[]> byAssignee = new LinkedHashMap<>();
        long[] total = new long[5];
        tally(rows, true, byAssignee, total);
        tally(future, false, byAssignee, total);
        List<FollowUpStats.AssigneeCounts> perAssignee = new ArrayList<>();
        byAssignee.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())))
                .forEach(e -> perAssignee.add(new FollowUpStats.AssigneeCounts(e.getKey(), counts(e.getValue()))));
        return new FollowUpStats(start, end, counts(total), perAssignee);
    }

    /** The customer's most recently created follow-ups, newest first, for the timeline. */
    List<FollowUp> recentOfCustomer(String customerId, int limit) {
        return tx.read(em -> em.createQuery("SELECT f FROM FollowUpEntity f WHERE f.customerId = :customer"
                + " ORDER BY f.createdAt DESC, f.id DESC", FollowUpEntity.class).setParameter("customer", customerId)
                .setMaxResults(limit).getResultStream().map(FollowUpEntity::toDto).toList());
    }

    // ---- from tickets ----

    /**
     * The promised follow-up of one resolution of a ticket, created once: the origin key
     * {@code ticket:<id>:<reopenCount>} is unique, so a redelivered event or a racing node finds
     * the existing row. Open follow-ups of the ticket's earlier resolutions are cancelled.
     *
     * @return the follow-up, and whether this call created it
     */
    Created fromTicket(TicketCommitment commitment) {
        FollowUpPolicy policy = settings.policy();
        String originKey = "ticket:" + commitment.ticketId() + ":" + commitment.reopenCount();
        List<FollowUp> cancelled = new ArrayList<>();
        Created result = tx.inTransaction(em -> {
            cancelled.clear();
            Optional<FollowUpEntity> existing = em.createQuery("SELECT f FROM FollowUpEntity f WHERE f.originKey = :key",
                    FollowUpEntity.class).setParameter("key", originKey).getResultStream().findFirst();
            if (existing.isPresent()) {
                return new Created(existing.get().toDto(), false);
            }
            Instant now = now();
            cancelled.addAll(cancelOpenOfTicket(em, commitment.ticketId(), now));
            String assignee = commitment.assignee() != null ? commitment.assignee() : policy.defaultAssignee();
            FollowUpEntity entity = new FollowUpEntity(Ids.newId(), commitment.customerId(), commitment.ticketId(),
                    commitment.followUpAt(), channelFor(commitment.ticketChannel(), policy), purpose(commitment),
                    assignee, null, null, null, 0, originKey, now);
            em.persist(entity);
            em.flush();
            return new Created(entity.toDto(), true);
        });
        cancelled.forEach(f -> post(FollowUpEvents.CANCELLED, f, "followup"));
        if (result.created()) {
            post(FollowUpEvents.CREATED, result.followUp(), "followup");
        }
        return result;
    }

    /** A call-back another module asked for (a dissatisfied survey answer, a heated ticket), once per origin key. */
    Created callBack(String customerId, String ticketId, Instant dueAt, String originKey, String purpose) {
        FollowUpPolicy policy = settings.policy();
        Created result = tx.inTransaction(em -> {
            Optional<FollowUpEntity> existing = em.createQuery("SELECT f FROM FollowUpEntity f WHERE f.originKey = :key",
                    FollowUpEntity.class).setParameter("key", originKey).getResultStream().findFirst();
            if (existing.isPresent()) {
                return new Created(existing.get().toDto(), false);
            }
            FollowUpEntity entity = new FollowUpEntity(Ids.newId(), customerId, ticketId, dueAt.truncatedTo(ChronoUnit.MILLIS),
                    FollowUpChannel.PHONE, purpose, policy.defaultAssignee(), null, null, null, 0, originKey, now());
            em.persist(entity);
            em.flush();
            return new Created(entity.toDto(), true);
        });
        if (result.created()) {
            post(FollowUpEvents.CREATED, result.followUp(), "followup");
        }
        return result;
    }

    /** A reopened ticket's pending call-back is void: the customer is not satisfied and handling starts again. */
    List<FollowUp> cancelForReopenedTicket(String ticketId) {
        List<FollowUp> cancelled = tx.inTransaction(em -> cancelOpenOfTicket(em, ticketId, now()));
        cancelled.forEach(f -> post(FollowUpEvents.CANCELLED, f, "followup"));
        return cancelled;
    }

    /** The origin keys among {@code keys} that already have a follow-up. */
    Set<String> existingOrigins(List<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(tx.read(em -> em.createQuery("SELECT f.originKey FROM FollowUpEntity f WHERE f.originKey IN :keys",
                String.class).setParameter("keys", keys).getResultList()));
    }

    record TicketCommitment(String ticketId, String customerId, int reopenCount, Instant followUpAt, String ticketChannel,
            String assignee, String commitmentText, String number) {
    }

    record Created(FollowUp followUp, boolean created) {
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

    private static String purpose(TicketCommitment commitment) {
        String promise = commitment.commitmentText() == null || commitment.commitmentText().isBlank()
                ? "Follow up on the resolved complaint" : commitment.commitmentText().trim();
        String text = (commitment.number() == null ? "" : commitment.number() + ": ") + promise;
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }

    /** The ticket's channel when a follow-up can use it; in person becomes a visit; social media and others the default. */
    static FollowUpChannel channelFor(String ticketChannel, FollowUpPolicy policy) {
        if (ticketChannel == null) {
            return policy.defaultChannel();
        }
        return switch (ticketChannel) {
            case "PHONE" -> FollowUpChannel.PHONE;
            case "EMAIL" -> FollowUpChannel.EMAIL;
            case "CHAT" -> FollowUpChannel.CHAT;
            case "IN_PERSON" -> FollowUpChannel.VISIT;
            default -> policy.defaultChannel();
        };
    }

    // ---- time-driven work, claimed by conditional updates ----

    /** PENDING past due becomes OVERDUE; returns the follow-ups this node claimed (each is claimed once). */
    List<FollowUp> markOverdue(Instant now) {
        String claim = Ids.newId();
        int claimed = tx.inTransaction(em -> em.createQuery("UPDATE FollowUpEntity f SET f.status = :overdue,"
                + " f.overdueClaim = :claim, f.updatedAt = :now, f.version = f.version + 1"
                + " WHERE f.status = :pending AND f.dueAt < :now")
                .setParameter("overdue", FollowUpStatus.OVERDUE).setParameter("claim", claim).setParameter("now", now)
                .setParameter("pending", FollowUpStatus.PENDING).executeUpdate());
        List<FollowUp> overdue = claimed == 0 ? List.of() : claimedBy("overdueClaim", claim);
        overdue.forEach(f -> post(FollowUpEvents.OVERDUE, f, "followup"));
        return overdue;
    }

    /** PENDING follow-ups due within {@code lead}, not yet reminded; returns those this node claimed. */
    List<FollowUp> remind(Instant now, Duration lead) {
        String claim = Ids.newId();
        int claimed = tx.inTransaction(em -> em.createQuery("UPDATE FollowUpEntity f SET f.reminderClaim = :claim,"
                + " f.version = f.version + 1"
                + " WHERE f.status = :pending AND f.reminderClaim IS NULL AND f.dueAt >= :now AND f.dueAt <= :horizon")
                .setParameter("claim", claim).setParameter("pending", FollowUpStatus.PENDING).setParameter("now", now)
                .setParameter("horizon", now.plus(lead)).executeUpdate());
        List<FollowUp> due = claimed == 0 ? List.of() : claimedBy("reminderClaim", claim);
        due.forEach(f -> post(FollowUpEvents.REMINDER, f, "followup"));
        return due;
    }

    private List<FollowUp> claimedBy(String field, String claim) {
        return tx.read(em -> em.createQuery("SELECT f FROM FollowUpEntity f WHERE f." + field + " = :claim ORDER BY f.dueAt",
                FollowUpEntity.class).setParameter("claim", claim).getResultStream().map(FollowUpEntity::toDto).toList());
    }

    // ---- helpers ----

    private FollowUpEntity open(EntityManager em, String id, String action) {
        FollowUpEntity entity = em.find(FollowUpEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (entity == null) {
            throw new NotFoundException("Follow-up", id);
        }
        if (!entity.status().isOpen()) {
            throw new ConflictException("Follow-up " + id + " is " + entity.status() + " and cannot " + action,
                    Map.of("currentStatus", entity.status().name(), "allowed", allowedActions(entity.status())));
        }
        return entity;
    }

    private static List<String> allowedActions(FollowUpStatus status) {
        return status.isOpen() ? List.of("complete", "cancel", "reschedule") : List.of();
    }

    private Customer liveCustomer(String customerId) {
        return LiveCustomers.require(customers, customerId, "follow-ups cannot be scheduled");
    }

    private void checkTicket(String ticketId, String customerId) {
        CustomerTickets.requireOf(tickets, ticketId, customerId);
    }

    private static void tally(List<Object[]> rows, boolean past, Map<String, long[]> byAssignee, long[] total) {
        for (Object[] row : rows) {
            String assignee = (String) row[0];
            FollowUpStatus status = (FollowUpStatus) row[1];
            String punctuality = (String) row[2];
            long count = ((Number) row[3]).longValue();
            int slot = switch (status) {
                case DONE -> "LATE".equals(punctuality) ? 1 : 0;
                case CANCELLED -> 4;
                default -> past ? 2 : 3;
            };
            byAssignee.computeIfAbsent(assignee, a -> new long[5])[slot] += count;
            total[slot] += count;
        }
    }

    /** slots: 0 on time, 1 late, 2 missed, 3 pending, 4 cancelled. */
    private static FollowUpStats.Counts counts(long[] c) {
        long judged = c[0] + c[1] + c[2];
        return new FollowUpStats.Counts(c[0] + c[1] + c[2] + c[3] + c[4], c[0], c[1], c[2], c[3], c[4],
                judged == 0 ? 0.0 : (double) c[0] / judged);
    }

    private static Instant parseInstant(String value) {
        try {
            return Instant.parse(value);
        } catch (RuntimeException e) {
            throw new ValidationException("cursor", "does not belong to this list");
        }
    }

    private void post(String topic, FollowUp followUp, String actor) {
        events.postEvent(new Event(topic, properties(followUp, actor)));
    }

    private static Map<String, Object> properties(FollowUp followUp, String actor) {
        Map<String, Object> props = new HashMap<>();
        props.put(FollowUpEvents.FOLLOW_UP_ID, followUp.id());
        props.put(FollowUpEvents.CUSTOMER_ID, followUp.customerId());
        props.put(FollowUpEvents.DUE_AT, followUp.dueAt().toString());
        props.put(FollowUpEvents.STATUS, followUp.status().name());
        props.put(FollowUpEvents.ACTOR, actor == null ? "system" : actor);
        if (followUp.ticketId() != null) {
            props.put(FollowUpEvents.TICKET_ID, followUp.ticketId());
        }
        if (followUp.assignee() != null) {
            props.put(FollowUpEvents.ASSIGNEE, followUp.assignee());
        }
        return props;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
