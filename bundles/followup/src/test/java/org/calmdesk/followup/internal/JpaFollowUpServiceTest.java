package org.calmdesk.followup.internal;

import org.calmdesk.core.testing.MutableClock;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.core.testing.LoggedEvents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.persistence.EntityManagerFactory;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.core.error.ConflictException;
import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.core.error.ValidationException;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.followup.api.Completion;
import org.calmdesk.followup.api.FollowUp;
import org.calmdesk.followup.api.FollowUpChannel;
import org.calmdesk.followup.api.FollowUpDraft;
import org.calmdesk.followup.api.FollowUpEvents;
import org.calmdesk.followup.api.FollowUpQuery;
import org.calmdesk.followup.api.FollowUpStats;
import org.calmdesk.followup.api.FollowUpStatus;
import org.calmdesk.ticket.api.Commitment;
import org.calmdesk.ticket.api.Emotion;
import org.calmdesk.ticket.api.EmotionSource;
import org.calmdesk.ticket.api.Priority;
import org.calmdesk.ticket.api.Sla;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketCategory;
import org.calmdesk.ticket.api.TicketChannel;
import org.calmdesk.ticket.api.TicketEvents;
import org.calmdesk.ticket.api.TicketStatus;
import org.calmdesk.customer.api.events.CustomerErased;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

class JpaFollowUpServiceTest {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    private String url;
    private EntityManagerFactory emf;
    private MutableClock clock;
    private LoggedEvents events;
    private FollowUpSettings settings;
    private FollowUpStore store;
    private JpaFollowUpService service;
    private FollowUpScheduler scheduler;
    private TicketCommitmentListener commitments;
    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp() {
        url = FollowUpTestSupport.newH2Url();
        emf = FollowUpTestSupport.h2(url);
        clock = new MutableClock(T0);
        events = new LoggedEvents(emf);
        settings = new FollowUpSettings(FollowUpPolicy.defaults());
        store = new FollowUpStore(emf);
        service = newNode(store);
        scheduler = new FollowUpScheduler(store, settings, clock);
        commitments = new TicketCommitmentListener(store, settings, clock);
    }

    private JpaFollowUpService newNode(FollowUpStore nodeStore) {
        JpaFollowUpService node = new JpaFollowUpService(nodeStore, new BeanValidator(), settings, clock);
        node.customers = FollowUpTestSupport.customers("c1", "c2", "erased-1");
        node.tickets = FollowUpTestSupport.tickets(tickets);
        return node;
    }

    @AfterEach
    void tearDown() {
        emf.close();
    }

    private FollowUp manual(String customerId, Duration dueIn, String recurrence) {
        return service.create(new FollowUpDraft(customerId, null, T0.plus(dueIn), FollowUpChannel.PHONE, "回访：确认限额已调整",
                "li.na", recurrence), "agent");
    }

    private static Ticket ticket(String id, String customerId, TicketStatus status, int reopenCount, Instant followUpAt) {
        return new Ticket(id, "CD-0000" + id.length(), customerId, TicketChannel.IN_PERSON, TicketCategory.POLICY, "限额", null,
                new Emotion(EmotionLabel.ANGER, 0.8, EmotionSource.AGENT, null, List.of()), Priority.P2, status, "wang", 0,
                new Sla(T0, T0, T0, T0, false), null, new Commitment("三天后回访", followUpAt), false, reopenCount, List.of(), T0, T0, 3);
    }

    @Test
    void createsAPendingFollowUpAndRejectsBadInputWithoutWriting() {
        FollowUp f = manual("c1", Duration.ofHours(2), null);
        assertEquals(FollowUpStatus.PENDING, f.status());
        assertEquals(1, f.version());
        assertEquals(f, service.find(f.id()).orElseThrow());
        assertEquals(1, events.on(FollowUpEvents.CREATED).size());

        assertEquals("customerId", assertThrows(ValidationException.class, () -> manual("nobody", Duration.ofHours(1), null))
                .errors().get(0).field());
        assertEquals("customerId", assertThrows(ValidationException.class, () -> manual("erased-1", Duration.ofHours(1), null))
                .errors().get(0).field());
        assertEquals("dueAt", assertThrows(ValidationException.class, () -> manual("c1", Duration.ofHours(-1), null))
                .errors().get(0).field());
        assertEquals("recurrence", assertThrows(ValidationException.class, () -> manual("c1", Duration.ofHours(1), "PT1H"))
                .errors().get(0).field());
        tickets.put("t-1", ticket("t-1", "c2", TicketStatus.RESOLVED, 0, T0.plus(Duration.ofDays(2))));
        assertEquals("ticketId", assertThrows(ValidationException.class, () -> service.create(new FollowUpDraft("c1", "t-1",
                T0.plusSeconds(60), FollowUpChannel.SMS, "x", null, null), "agent")).errors().get(0).field(),
                "a ticket of another customer");
        assertEquals("ticketId", assertThrows(ValidationException.class, () -> service.create(new FollowUpDraft("c1", "t-none",
                T0.plusSeconds(60), FollowUpChannel.SMS, "x", null, null), "agent")).errors().get(0).field());
        service.tickets = null;
        assertEquals("t-none", service.create(new FollowUpDraft("c1", "t-none", T0.plusSeconds(60), FollowUpChannel.SMS, "x",
                null, null), "agent").ticketId(), "without the ticket module a ticket id is kept as given");
        assertEquals(2, service.list(FollowUpQuery.all(), PageRequest.first(50)).items().size());
    }

    @Test
    void stateRulesGiveTheRight409s() {
        FollowUp done = service.complete(manual("c1", Duration.ofHours(1), null).id(), new Completion("已解决", true), "agent");
        assertEquals(FollowUpStatus.DONE, done.status());
        assertEquals("ON_TIME", done.punctuality());
        ConflictException again = assertThrows(ConflictException.class,
                () -> service.complete(done.id(), new Completion("again", true), "agent"));
        assertEquals("DONE", again.extensions().get("currentStatus"));
        assertThrows(ConflictException.class, () -> service.reschedule(done.id(), T0.plus(Duration.ofDays(1)), "agent"));
        assertThrows(ConflictException.class, () -> service.cancel(done.id(), "agent"));

        FollowUp cancelled = service.cancel(manual("c1", Duration.ofHours(1), null).id(), "agent");
        assertEquals(FollowUpStatus.CANCELLED, cancelled.status());
        assertThrows(ConflictException.class, () -> service.complete(cancelled.id(), new Completion("x", true), "agent"));
        assertThrows(ConflictException.class, () -> service.reschedule(cancelled.id(), T0.plus(Duration.ofDays(1)), "agent"));
        assertThrows(NotFoundException.class, () -> service.cancel("missing", "agent"));
        assertThrows(ValidationException.class, () -> service.complete(manual("c1", Duration.ofHours(1), null).id(),
                new Completion(" ", null), "agent"));

        FollowUp open = manual("c1", Duration.ofMinutes(10), null);
        clock.advance(Duration.ofMinutes(20));
        assertEquals(1, scheduler.markOverdue(clock.instant()).size());
        FollowUp moved = service.reschedule(open.id(), clock.instant().plus(Duration.ofDays(1)), "agent");
        assertEquals(FollowUpStatus.PENDING, moved.status(), "an overdue follow-up rescheduled is pending again");
        assertThrows(ValidationException.class, () -> service.reschedule(open.id(), clock.instant().minusSeconds(1), "agent"));
        FollowUp late = service.complete(manual("c1", Duration.ofHours(1), null).id(), new Completion("ok", false), "agent");
        assertEquals("ON_TIME", late.punctuality());
    }

    @Test
    void completionPostsTheOutcomeForTheTicketModule() {
        tickets.put("t-9", ticket("t-9", "c1", TicketStatus.RESOLVED, 0, T0.plus(Duration.ofDays(2))));
        FollowUp f = service.create(new FollowUpDraft("c1", "t-9", T0.plus(Duration.ofHours(1)), FollowUpChannel.PHONE,
                "回访", "li.na", null), "agent");
        clock.advance(Duration.ofHours(2));
        FollowUp done = service.complete(f.id(), new Completion("客户仍不满意", false), "li.na");
        assertEquals("LATE", done.punctuality(), "an hour past due, beyond the 15 minute grace");
        Event completed = events.on(FollowUpEvents.COMPLETED).get(0);
        assertEquals("t-9", completed.getProperty(FollowUpEvents.TICKET_ID));
        assertEquals(Boolean.FALSE, completed.getProperty(FollowUpEvents.CUSTOMER_SATISFIED));
        assertEquals("客户仍不满意", completed.getProperty(FollowUpEvents.SUMMARY));
        assertEquals("li.na", completed.getProperty(FollowUpEvents.ACTOR));
    }

    @Test
    void aRecurringFollowUpSchedulesTheNextFromThePlannedDateAndStopsWhenCancelled() {
        FollowUp first = manual("c1", Duration.ofDays(1), "P30D");
        assertEquals(first.id(), first.seriesId());
        clock.advance(Duration.ofDays(3)); // done two days late
        service.complete(first.id(), new Completion("定期回访完成", true), "agent");
        FollowUp second = service.list(new FollowUpQuery(FollowUpStatus.PENDING, null, "c1", null, null), PageRequest.first(10))
                .items().get(0);
        assertEquals(T0.plus(Duration.ofDays(31)), second.dueAt(), "planned date + 30 days, not completion + 30 days");
        assertEquals(first.seriesId(), second.seriesId());
        assertEquals("P30D", second.recurrence());
        service.complete(second.id(), new Completion("ok", true), "agent");
        FollowUp third = service.list(new FollowUpQuery(FollowUpStatus.PENDING, null, "c1", null, null), PageRequest.first(10))
                .items().get(0);
        assertEquals(T0.plus(Duration.ofDays(61)), third.dueAt(), "done early: still on the planned cadence");
        service.cancel(third.id(), "agent");
        assertTrue(service.list(new FollowUpQuery(FollowUpStatus.PENDING, null, "c1", null, null), PageRequest.first(10))
                .items().isEmpty(), "cancelling stops the series");
        assertEquals(3, events.on(FollowUpEvents.CREATED).size());
    }

    @Test
    void aResolvedTicketGetsExactlyOneFollowUpAndAReopenedOneLosesIt() {
        TicketCommitment first = new TicketCommitment("t-5", "c1", 0,
                T0.plus(Duration.ofDays(2)), "IN_PERSON", null, "三天后回访", "CD-000005");
        FollowUpStore.Created created = commitments.fromTicket(first);
        assertTrue(created.created());
        assertEquals(FollowUpChannel.VISIT, created.followUp().channel());
        assertEquals("CD-000005: 三天后回访", created.followUp().purpose());
        assertNull(created.followUp().assignee());
        assertFalse(commitments.fromTicket(first).created(), "a redelivered event creates nothing");
        assertEquals(1, service.list(new FollowUpQuery(null, null, null, "t-5", null), PageRequest.first(10)).items().size());

        assertEquals(1, commitments.cancelForReopenedTicket("t-5").size());
        FollowUpStore.Created again = commitments.fromTicket(new TicketCommitment("t-5", "c1", 1,
                T0.plus(Duration.ofDays(4)), "EMAIL", "wang", null, "CD-000005"));
        assertTrue(again.created());
        assertEquals(FollowUpChannel.EMAIL, again.followUp().channel());
        assertEquals("wang", again.followUp().assignee());
        List<FollowUp> ofTicket = service.list(new FollowUpQuery(null, null, null, "t-5", null), PageRequest.first(10)).items();
        assertEquals(List.of(FollowUpStatus.CANCELLED, FollowUpStatus.PENDING), ofTicket.stream().map(FollowUp::status).toList());
    }

    @Test
    void aResolutionWithoutTheReopenEventStillCancelsTheOlderFollowUp() {
        commitments.fromTicket(new TicketCommitment("t-6", "c1", 0, T0.plus(Duration.ofDays(2)), "PHONE",
                null, null, null));
        commitments.fromTicket(new TicketCommitment("t-6", "c1", 1, T0.plus(Duration.ofDays(3)), "PHONE",
                null, null, null));
        List<FollowUp> ofTicket = service.list(new FollowUpQuery(null, null, null, "t-6", null), PageRequest.first(10)).items();
        assertEquals(List.of(FollowUpStatus.CANCELLED, FollowUpStatus.PENDING), ofTicket.stream().map(FollowUp::status).toList());
    }

    @Test
    void theListenerReadsTheTicketEvent() {
        TicketCommitmentListener listener = new TicketCommitmentListener(store, settings, clock);
        listener.consume(LoggedEvents.event(TicketEvents.RESOLVED, Map.of(TicketEvents.TICKET_ID, "t-7", TicketEvents.CUSTOMER_ID, "c1",
                TicketEvents.REOPEN_COUNT, 0, TicketEvents.FOLLOW_UP_AT, T0.plus(Duration.ofDays(2)).toString(),
                TicketEvents.CHANNEL, "SOCIAL", TicketEvents.ASSIGNEE, "zhao", TicketEvents.COMMITMENT_TEXT, "回访",
                TicketEvents.NUMBER, "CD-000007")));
        FollowUp f = service.list(new FollowUpQuery(null, null, null, "t-7", null), PageRequest.first(10)).items().get(0);
        assertEquals(T0.plus(Duration.ofDays(2)), f.dueAt());
        assertEquals(FollowUpChannel.PHONE, f.channel(), "social media falls back to the default channel");
        assertEquals("zhao", f.assignee());
        listener.consume(LoggedEvents.event(TicketEvents.REOPENED, Map.of(TicketEvents.TICKET_ID, "t-7")));
        assertEquals(FollowUpStatus.CANCELLED, service.find(f.id()).orElseThrow().status());
    }

    @Test
    void reconciliationCreatesTheFollowUpOfAResolvedTicketWhoseEventWasMissed() {
        tickets.put("t-8", ticket("t-8", "c1", TicketStatus.RESOLVED, 2, T0.plus(Duration.ofDays(2))));
        tickets.put("t-10", ticket("t-10", "c1", TicketStatus.INVESTIGATING, 0, null));
        scheduler.tickets = service.tickets;
        assertEquals(1, scheduler.reconcile());
        assertEquals(0, scheduler.reconcile(), "once");
        FollowUp f = service.list(new FollowUpQuery(null, null, null, "t-8", null), PageRequest.first(10)).items().get(0);
        assertEquals(FollowUpChannel.VISIT, f.channel());
        assertEquals("wang", f.assignee());
    }

    @Test
    void overdueAndRemindersFireOnceEach() {
        FollowUp soon = manual("c1", Duration.ofMinutes(30), null);
        FollowUp later = manual("c1", Duration.ofHours(5), null);
        assertEquals(List.of(soon.id()), scheduler.remind(clock.instant(), Duration.ofHours(1)).stream().map(FollowUp::id).toList());
        assertTrue(scheduler.remind(clock.instant(), Duration.ofHours(1)).isEmpty());
        assertTrue(scheduler.markOverdue(clock.instant()).isEmpty());
        clock.advance(Duration.ofMinutes(31));
        assertEquals(List.of(soon.id()), scheduler.markOverdue(clock.instant()).stream().map(FollowUp::id).toList());
        assertTrue(scheduler.markOverdue(clock.instant()).isEmpty());
        assertEquals(FollowUpStatus.OVERDUE, service.find(soon.id()).orElseThrow().status());
        assertEquals(FollowUpStatus.PENDING, service.find(later.id()).orElseThrow().status());
        assertEquals(1, events.on(FollowUpEvents.OVERDUE).size());
        assertEquals(1, events.on(FollowUpEvents.REMINDER).size());
    }

    @Test
    void twoNodesOnOneDatabaseClaimEachOverdueRowOnce() throws Exception {
        EntityManagerFactory otherEmf = FollowUpTestSupport.h2(url);
        try {
            FollowUpScheduler other = new FollowUpScheduler(new FollowUpStore(otherEmf), settings, clock);
            for (int i = 0; i < 60; i++) {
                manual(i % 2 == 0 ? "c1" : "c2", Duration.ofMinutes(10 + i), null);
            }
            clock.advance(Duration.ofHours(3));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                CountDownLatch go = new CountDownLatch(1);
                Future<Integer> a = pool.submit(() -> {
                    go.await();
                    return scheduler.markOverdue(clock.instant()).size();
                });
                Future<Integer> b = pool.submit(() -> {
                    go.await();
                    return other.markOverdue(clock.instant()).size();
                });
                go.countDown();
                assertEquals(60, a.get() + b.get());
            } finally {
                pool.shutdownNow();
            }
            // Both nodes append to the one log: one event per claimed row, whichever node claimed it.
            assertEquals(60, events.on(FollowUpEvents.OVERDUE).size());
        } finally {
            otherEmf.close();
        }
    }

    @Test
    void statsCountPromisesKeptOnTimeLateAndMissedByAssignee() {
        FollowUp a = service.create(new FollowUpDraft("c1", null, T0.plus(Duration.ofHours(1)), FollowUpChannel.PHONE, "a", "li.na", null), "x");
        FollowUp b = service.create(new FollowUpDraft("c1", null, T0.plus(Duration.ofHours(2)), FollowUpChannel.PHONE, "b", "li.na", null), "x");
        service.create(new FollowUpDraft("c1", null, T0.plus(Duration.ofHours(3)), FollowUpChannel.PHONE, "c", "wang", null), "x");
        FollowUp d = service.create(new FollowUpDraft("c1", null, T0.plus(Duration.ofHours(4)), FollowUpChannel.PHONE, "d", "wang", null), "x");
        service.create(new FollowUpDraft("c1", null, T0.plus(Duration.ofDays(3)), FollowUpChannel.PHONE, "e", "wang", null), "x");
        service.create(new FollowUpDraft("c2", null, T0.plus(Duration.ofHours(5)), FollowUpChannel.PHONE, "f", null, null), "x");
        clock.advance(Duration.ofMinutes(70));
        service.complete(a.id(), new Completion("ok", true), "li.na"); // 10 min late: within grace
        clock.advance(Duration.ofHours(2));
        service.complete(b.id(), new Completion("ok", true), "li.na"); // an hour late
        service.cancel(d.id(), "wang");
        clock.advance(Duration.ofHours(3)); // c and f are past due and not done
        FollowUpStats stats = service.stats(T0, T0.plus(Duration.ofDays(7)));
        assertEquals(new FollowUpStats.Counts(6, 1, 1, 2, 1, 1, 0.25), stats.total());
        assertEquals(java.util.Arrays.asList("li.na", "wang", null), stats.byAssignee().stream().map(FollowUpStats.AssigneeCounts::assignee).toList());
        assertEquals(new FollowUpStats.Counts(2, 1, 1, 0, 0, 0, 0.5), stats.byAssignee().get(0).counts());
        assertEquals(new FollowUpStats.Counts(3, 0, 0, 1, 1, 1, 0.0), stats.byAssignee().get(1).counts());
        assertEquals(1, service.stats(T0, T0.plus(Duration.ofMinutes(90))).total().due());
        assertThrows(ValidationException.class, () -> service.stats(T0, T0));
    }

    @Test
    void listFiltersAndPagesBySoonestDue() {
        for (int i = 0; i < 7; i++) {
            manual("c1", Duration.ofHours(10 - i), null);
        }
        manual("c2", Duration.ofMinutes(5), null);
        Page<FollowUp> first = service.list(FollowUpQuery.all(), PageRequest.first(3));
        Page<FollowUp> second = service.list(FollowUpQuery.all(), PageRequest.of(3, first.nextCursor()));
        assertEquals(T0.plus(Duration.ofMinutes(5)), first.items().get(0).dueAt());
        assertTrue(first.items().get(2).dueAt().isBefore(second.items().get(0).dueAt()));
        assertEquals(7, service.list(new FollowUpQuery(FollowUpStatus.PENDING, "li.na", "c1", null, null), PageRequest.first(50))
                .items().size());
        assertEquals(2, service.list(new FollowUpQuery(null, null, null, null, T0.plus(Duration.ofHours(5))), PageRequest.first(50))
                .items().size());
    }

    @Test
    void erasingACustomerCancelsTheirOpenFollowUpsAndRedactsTheirTexts() {
        FollowUp done = manual("c1", Duration.ofHours(1), null);
        service.complete(done.id(), new Completion("王先生表示满意，手机 13800000000", true), "agent");
        FollowUp open = manual("c1", Duration.ofDays(3), "P1M");
        FollowUp other = manual("c2", Duration.ofDays(3), null);
        FollowUpErasure erasure = new FollowUpErasure(store, clock);
        LoggedEvent erased = LoggedEvents.event(new CustomerErased("c1", null, "admin"));

        erasure.consume(erased);
        erasure.consume(erased); // redelivered: nothing more is cancelled

        FollowUp cancelled = service.find(open.id()).orElseThrow();
        assertEquals(FollowUpStatus.CANCELLED, cancelled.status(), "nobody is left to call");
        assertEquals("(erased)", cancelled.purpose());
        FollowUp completed = service.find(done.id()).orElseThrow();
        assertEquals(FollowUpStatus.DONE, completed.status());
        assertEquals("(erased)", completed.purpose());
        assertEquals("(erased)", completed.outcome().summary());
        assertTrue(completed.outcome().customerSatisfied(), "the outcome itself stays for the figures");
        assertEquals(List.of(open.id()), events.on(FollowUpEvents.CANCELLED).stream()
                .map(e -> e.getProperty(FollowUpEvents.FOLLOW_UP_ID)).toList());
        assertEquals(other, service.find(other.id()).orElseThrow(), "another customer's follow-up is untouched");
    }

    @Test
    void mergingACustomerMovesTheirFollowUpsToTheTargetOnce() {
        FollowUp done = manual("c2", Duration.ofHours(1), null);
        service.complete(done.id(), new Completion("满意", true), "agent");
        FollowUp open = manual("c2", Duration.ofDays(3), null);
        FollowUp mine = manual("c1", Duration.ofDays(2), null);
        FollowUpCustomerMerge merge = new FollowUpCustomerMerge(store);
        LoggedEvent merged = LoggedEvents.event(new org.calmdesk.customer.api.events.CustomerMerged("c1", "c2", "agent"));

        merge.consume(merged);
        assertEquals(List.of(mine.id(), done.id(), open.id()).stream().sorted().toList(),
                service.list(new FollowUpQuery(null, null, "c1", null, null), PageRequest.first(50)).items().stream()
                        .map(FollowUp::id).sorted().toList());
        assertTrue(service.list(new FollowUpQuery(null, null, "c2", null, null), PageRequest.first(50)).items().isEmpty());
        FollowUp moved = service.find(open.id()).orElseThrow();
        assertEquals("c1", moved.customerId());
        assertEquals(FollowUpStatus.PENDING, moved.status(), "an open follow-up stays open: the promise still stands");
        assertEquals(open.version() + 1, moved.version());

        merge.consume(merged); // redelivered: nothing more changes
        assertEquals(moved, service.find(open.id()).orElseThrow());
    }
    @Test
    void mergingATicketCancelsAllItsOpenFollowUpsOnce() {
        tickets.put("t-m", ticket("t-m", "c1", TicketStatus.INVESTIGATING, 0, null));
        tickets.put("t-keep", ticket("t-keep", "c1", TicketStatus.INVESTIGATING, 0, null));
        FollowUp agents = service.create(new FollowUpDraft("c1", "t-m", T0.plus(Duration.ofDays(1)), FollowUpChannel.PHONE,
                "确认扣费", "li.na", null), "agent");
        FollowUp promised = commitments.fromTicket(new TicketCommitment("t-m", "c1", 0, T0.plus(Duration.ofDays(2)), "PHONE",
                "wang", "两天后回访", "CD-000009")).followUp();
        FollowUp done = service.create(new FollowUpDraft("c1", "t-m", T0.plus(Duration.ofHours(1)), FollowUpChannel.SMS,
                "已回访", null, null), "agent");
        service.complete(done.id(), new Completion("已确认", true), "agent");
        FollowUp kept = service.create(new FollowUpDraft("c1", "t-keep", T0.plus(Duration.ofDays(1)), FollowUpChannel.PHONE,
                "另一张工单", null, null), "agent");
        FollowUp noTicket = manual("c1", Duration.ofDays(1), null);
        events.clear();
        FollowUpTicketMerge merge = new FollowUpTicketMerge(store, clock);
        LoggedEvent merged = LoggedEvents.event(new org.calmdesk.ticket.api.events.TicketMerged("t-m", "CD-000009", "c1",
                "CLOSED", "P3", "BILLING", "PHONE", "ANGER", 0.7, 0, 0, "agent", null, null, null, "INVESTIGATING",
                "t-keep", "CD-000010"));

        merge.consume(merged);
        merge.consume(merged); // redelivered: nothing more is cancelled

        assertEquals(FollowUpStatus.CANCELLED, service.find(agents.id()).orElseThrow().status(), "an agent's own follow-up too");
        assertEquals(FollowUpStatus.CANCELLED, service.find(promised.id()).orElseThrow().status(), "the promised call-back");
        assertEquals(FollowUpStatus.DONE, service.find(done.id()).orElseThrow().status(), "a done one stays done");
        assertEquals(kept, service.find(kept.id()).orElseThrow(), "the target's follow-up is untouched");
        assertEquals(noTicket, service.find(noTicket.id()).orElseThrow());
        assertEquals(List.of(agents.id(), promised.id()).stream().sorted().toList(), events.on(FollowUpEvents.CANCELLED).stream()
                .map(e -> (String) e.getProperty(FollowUpEvents.FOLLOW_UP_ID)).sorted().toList(), "one CANCELLED each, once");
        assertEquals(List.of(FollowUpEvents.CANCELLED, FollowUpEvents.CANCELLED), events.topics());
    }
}
