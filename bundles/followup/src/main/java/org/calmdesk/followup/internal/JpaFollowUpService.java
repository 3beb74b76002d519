package org.calmdesk.followup.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;


import org.calmdesk.core.Ids;
import org.calmdesk.core.error.ValidationException;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.customer.api.Customer;
import org.calmdesk.customer.api.CustomerService;
import org.calmdesk.customer.api.LiveCustomers;
import org.calmdesk.followup.api.Completion;
import org.calmdesk.followup.api.FollowUp;
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

/** Follow-ups in the {@code calmdesk.followup} persistence unit: validates, orchestrates and publishes; {@link FollowUpStore} persists. */
@Component(service = FollowUpService.class)
public class JpaFollowUpService implements FollowUpService {

    /** Clock skew tolerated for a due time given by a client. */
    private static final Duration PAST_TOLERANCE = Duration.ofMinutes(5);
    private static final Duration DEFAULT_STATS_WINDOW = Duration.ofDays(30);

    private final FollowUpStore store;
    private final BeanValidator validator;
    private final FollowUpPublisher publisher;
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
    public JpaFollowUpService(@Reference FollowUpStore store, @Reference BeanValidator validator,
            @Reference FollowUpSettings settings) {
        this(store, validator, settings, Clock.systemUTC());
    }

    JpaFollowUpService(FollowUpStore store, BeanValidator validator, FollowUpSettings settings, Clock clock) {
        this.store = store;
        this.validator = validator;
        this.publisher = new FollowUpPublisher(store);
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
        String id = Ids.newId();
        return publisher.one(FollowUpEvents.CREATED, () -> store.insert(new FollowUpEntity(id, customerId, draft.ticketId(), due,
                draft.channel(), draft.purpose(), draft.assignee(), period == null ? null : period.toString(),
                period == null ? null : id, period == null ? null : due, 0, null, now)), actor);
    }

    @Override
    public Optional<FollowUp> find(String id) {
        return store.find(id);
    }

    @Override
    public Page<FollowUp> list(FollowUpQuery query, PageRequest page) {
        return store.list(query, page);
    }

    @Override
    public FollowUp complete(String id, Completion completion, String actor) {
        validator.validate(completion);
        FollowUpPolicy policy = settings.policy();
        Instant now = now();
        return store.atomically(() -> {
            FollowUpStore.Changed done = store.changeOpen(id, "complete", entity -> {
                entity.complete(completion.summary(), completion.customerSatisfied(), policy.onTimeGrace(), now);
                if (entity.recurrence() == null || entity.seriesId() == null) {
                    return null;
                }
                Period period = Period.parse(entity.recurrence());
                int occurrence = Recurrence.nextOccurrence(entity.seriesAnchor(), period, entity.occurrence(), now, policy.zone());
                return new FollowUpEntity(Ids.newId(), entity.customerId(), entity.ticketId(),
                        Recurrence.due(entity.seriesAnchor(), period, occurrence, policy.zone()), entity.channel(),
                        entity.purpose(), entity.assignee(), entity.recurrence(), entity.seriesId(), entity.seriesAnchor(),
                        occurrence, "series:" + entity.seriesId() + ":" + occurrence, now);
            });
            Map<String, Object> props = FollowUpPublisher.properties(done.changed(), actor);
            props.put(FollowUpEvents.CUSTOMER_SATISFIED, completion.customerSatisfied());
            props.put(FollowUpEvents.SUMMARY, completion.summary().trim());
            FollowUpPublisher.append(FollowUpEvents.COMPLETED, done.changed(), props);
            if (done.next() != null) {
                FollowUpPublisher.append(FollowUpEvents.CREATED, done.next(), actor);
            }
            return done.changed();
        });
    }

    @Override
    public FollowUp cancel(String id, String actor) {
        Instant now = now();
        return publisher.one(FollowUpEvents.CANCELLED, () -> store.changeOpen(id, "cancel", entity -> {
            entity.cancel(now);
            return null;
        }).changed(), actor);
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
        return publisher.one(FollowUpEvents.RESCHEDULED, () -> store.changeOpen(id, "reschedule", entity -> {
            entity.reschedule(dueAt.truncatedTo(ChronoUnit.MILLIS), now);
            return null;
        }).changed(), actor);
    }

    @Override
    public FollowUpStats stats(Instant from, Instant to) {
        Instant now = now();
        Instant end = to == null ? now : to;
        Instant start = from == null ? end.minus(DEFAULT_STATS_WINDOW) : from;
        if (!start.isBefore(end)) {
            throw new ValidationException("from", "must be before to");
        }
        List<Object[]> rows = store.countsByAssignee(start, end, now, true);
        List<Object[]> future = store.countsByAssignee(start, end, now, false);
        Map<String, long[]> byAssignee = new LinkedHashMap<>();
        long[] total = new long[5];
        tally(rows, true, byAssignee, total);
        tally(future, false, byAssignee, total);
        List<FollowUpStats.AssigneeCounts> perAssignee = new ArrayList<>();
        byAssignee.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.nullsLast(Comparator.naturalOrder())))
                .forEach(e -> perAssignee.add(new FollowUpStats.AssigneeCounts(e.getKey(), counts(e.getValue()))));
        return new FollowUpStats(start, end, counts(total), perAssignee);
    }

    // ---- helpers ----

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

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
