package org.calmdesk.ticket.internal;

import org.calmdesk.core.testing.MutableClock;
import org.calmdesk.core.testing.LoggedEvents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.persistence.EntityManagerFactory;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.core.error.ConflictException;
import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.core.error.StaleVersionException;
import org.calmdesk.core.error.UnavailableException;
import org.calmdesk.core.error.ValidationException;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.customer.api.Temperament;
import org.calmdesk.emotion.api.EmotionAnalysis;
import org.calmdesk.emotion.api.Signal;
import org.calmdesk.followup.api.FollowUpEvents;
import org.calmdesk.survey.api.SurveyEvents;
import org.calmdesk.ticket.api.Commitment;
import org.calmdesk.ticket.api.CommentDraft;
import org.calmdesk.ticket.api.EmotionInput;
import org.calmdesk.ticket.api.EmotionSource;
import org.calmdesk.ticket.api.HistoryEntry;
import org.calmdesk.ticket.api.Priority;
import org.calmdesk.ticket.api.Resolution;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketCategory;
import org.calmdesk.ticket.api.TicketChannel;
import org.calmdesk.ticket.api.TicketDraft;
import org.calmdesk.ticket.api.TicketEvents;
import org.calmdesk.ticket.api.TicketQuery;
import org.calmdesk.ticket.api.TicketStats;
import org.calmdesk.ticket.api.TicketStatus;
import org.calmdesk.ticket.api.Transition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/** The ticket service on real EclipseLink and H2: flow, numbers, SLA, escalation, events, stats. */
class JpaTicketServiceTest {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    private String url;
    private EntityManagerFactory emf;
    private MutableClock clock;
    private LoggedEvents events;
    private TicketTestSupport.Customers customers;
    private TicketSettings settings;
    private JpaTicketService service;

    @BeforeEach
    void setUp() {
        url = TicketTestSupport.newDatabaseUrl();
        emf = TicketTestSupport.entityManagerFactory(url);
        clock = new MutableClock(T0);
        events = new LoggedEvents(emf);
        customers = new TicketTestSupport.Customers();
        customers.add("c-zh", "zh", "vip", Temperament.EMOTIONAL, 0, false);
        customers.add("c-en", "en", null, Temperament.RATIONAL, 0, false);
        customers.add("c-gone", null, null, Temperament.UNKNOWN, 0, true);
        settings = new TicketSettings(TicketPolicy.from(TicketTestSupport.config(Map.of(
                "firstResponseP3", "PT1H", "resolutionP3", "PT8H", "escalationStep", "PT30M"))));
        service = new JpaTicketService(new TicketStore(emf), new BeanValidator(), settings, new TicketGuide(), clock);
        service.customers = customers.service();
    }

    @AfterEach
    void tearDown() {
        emf.close();
    }

    private static TicketDraft draft(String customerId, EmotionInput emotion, Priority priority) {
        return new TicketDraft(customerId, TicketChannel.PHONE, TicketCategory.DELIVERY, "包裹三天没到",
                "快递一直没有更新", emotion, priority, null, List.of("express", "express", " late "));
    }

    private Ticket p3Ticket() {
        return service.create(draft("c-en", new EmotionInput(EmotionLabel.DISAPPOINTMENT, 0.3), null), "agent");
    }

    private Ticket move(Ticket t, TicketStatus to) {
        return service.transition(t.id(), new Transition(to, null,
                to == TicketStatus.RESOLVED ? new Resolution("Parcel re-sent", "Depot mislabelled it", null) : null, null),
                null, "agent");
    }

    @Test
    void createsWithANumberSlaTargetsAndHistory() {
        Ticket t = p3Ticket();
        assertEquals("CD-000001", t.number());
        assertEquals(TicketStatus.NEW, t.status());
        assertEquals(Priority.P3, t.priority(), "disappointment +1, rational, no vip");
        assertEquals(T0.plus(Duration.ofHours(1)), t.sla().firstResponseDue());
        assertEquals(T0.plus(Duration.ofHours(8)), t.sla().resolutionDue());
        assertEquals(List.of("express", "late"), t.tags());
        assertEquals(EmotionSource.AGENT, t.emotion().source());
        assertEquals(1, t.version(), "the version a client gets is the stored one");
        assertEquals(t, service.find(t.id()).orElseThrow());
        assertEquals("CD-000002", p3Ticket().number());
        List<HistoryEntry> history = service.history(t.id(), PageRequest.first(50)).items();
        assertEquals(List.of("CREATED", "PRIORITY"), history.stream().map(HistoryEntry::action).toList());
        assertTrue(history.get(1).note().contains("disappointment +1"), history.get(1).note());
        assertEquals(2, events.on(TicketEvents.CREATED).size());
        assertEquals("包裹三天没到", events.on(TicketEvents.CREATED).get(0).getProperty(TicketEvents.SUBJECT));
        assertEquals(t, service.findByIdOrNumber("cd-000001").orElseThrow());
    }

    @Test
    void numbersStayUniqueUnderConcurrentCreates() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                futures.add(pool.submit(() -> p3Ticket().number()));
            }
            Set<String> numbers = new HashSet<>();
            for (Future<String> f : futures) {
                assertTrue(numbers.add(f.get()), "duplicate number");
            }
            assertEquals(80, numbers.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theCustomerMustExistAndBeLive() {
        ValidationException unknown = assertThrows(ValidationException.class,
                () -> service.create(draft("nobody", null, null), "agent"));
        assertEquals("customerId", unknown.errors().get(0).field());
        ValidationException erased = assertThrows(ValidationException.class,
                () -> service.create(draft("c-gone", null, null), "agent"));
        assertEquals("customerId", erased.errors().get(0).field());
        service.customers = null;
        assertThrows(UnavailableException.class, () -> service.create(draft("c-en", null, null), "agent"));
        assertEquals(0, service.list(TicketQuery.all(), PageRequest.first(10)).items().size(), "nothing was written");
    }

    @Test
    void withoutAnAnalyzerATicketWithoutEmotionIsNeutral() {
        Ticket t = service.create(draft("c-en", null, null), "agent");
        assertEquals(EmotionLabel.NEUTRAL, t.emotion().label());
        assertEquals(EmotionSource.AGENT, t.emotion().source());
        assertEquals(Priority.P4, t.priority());
    }

    @Test
    void anAnalyzerReadsTheEmotionAndItsSignalsDrivePriority() {
        List<String> seen = new ArrayList<>();
        service.analyzer = (text, language) -> {
            seen.add(language + ":" + text);
            return new EmotionAnalysis(EmotionLabel.ANGER, 0.7, 85, Set.of(Signal.REGULATOR_THREAT), "test-1");
        };
        Ticket t = service.create(draft("c-zh", null, null), "agent");
        assertEquals(List.of("zh:包裹三天没到\n快递一直没有更新"), seen);
        assertEquals(EmotionLabel.ANGER, t.emotion().label());
        assertEquals(EmotionSource.ANALYZER, t.emotion().source());
        assertEquals(85, t.emotion().negativity());
        assertEquals(List.of("REGULATOR_THREAT"), t.emotion().signals());
        assertEquals(Priority.P1, t.priority(), "a regulator threat takes the emergency path");

        Ticket given = service.create(draft("c-zh", new EmotionInput(EmotionLabel.ANXIETY, null), Priority.P4), "agent");
        assertEquals(EmotionSource.AGENT, given.emotion().source(), "an emotion in the request wins");
        assertEquals(0.5, given.emotion().intensity());
        assertEquals(Priority.P4, given.priority(), "a priority in the request wins");
        assertEquals(1, seen.size());

        service.analyzer = (text, language) -> {
            throw new IllegalStateException("model not loaded");
        };
        assertEquals(EmotionLabel.NEUTRAL, service.create(draft("c-en", null, null), "agent").emotion().label());
    }

    @Test
    void theFullFlowWithEventsAndACommitmentFromPolicy() {
        Ticket t = p3Ticket();
        clock.advance(Duration.ofMinutes(10));
        t = move(t, TicketStatus.ACKNOWLEDGED);
        assertEquals(T0.plus(Duration.ofMinutes(10)), t.sla().firstRespondedAt());
        t = move(t, TicketStatus.INVESTIGATING);
        t = move(t, TicketStatus.SOLUTION_PROPOSED);
        t = move(t, TicketStatus.INVESTIGATING);
        t = move(t, TicketStatus.SOLUTION_PROPOSED);
        clock.advance(Duration.ofMinutes(50));
        t = move(t, TicketStatus.RESOLVED);
        assertEquals("Parcel re-sent", t.resolution().summary());
        assertEquals(T0.plus(Duration.ofHours(1)).plus(Duration.ofDays(2)), t.commitment().followUpAt());
        assertTrue(t.commitment().text().startsWith("We will contact you"));
        assertFalse(t.sla().breached());
        Event resolved = events.on(TicketEvents.RESOLVED).get(0);
        assertEquals("Depot mislabelled it", resolved.getProperty(TicketEvents.ROOT_CAUSE));
        assertEquals(t.commitment().followUpAt().toString(), resolved.getProperty(TicketEvents.FOLLOW_UP_AT));
        assertEquals("agent", resolved.getProperty(TicketEvents.ACTOR));

        t = move(t, TicketStatus.REOPENED);
        assertEquals(1, t.reopenCount());
        assertNull(t.sla().resolvedAt());
        assertEquals(clock.instant().plus(Duration.ofHours(8)), t.sla().resolutionDue(), "a reopened ticket gets a fresh target");
        t = move(t, TicketStatus.INVESTIGATING);
        t = move(t, TicketStatus.SOLUTION_PROPOSED);
        t = service.transition(t.id(), new Transition(TicketStatus.RESOLVED, "客户接受", new Resolution("退款", null, "50元券"),
                new Commitment("三天后回访", T0.plus(Duration.ofDays(3)))), null, "agent");
        assertEquals("三天后回访", t.commitment().text());
        assertEquals("50元券", t.resolution().compensation());
        t = move(t, TicketStatus.CLOSED);
        assertEquals(TicketStatus.CLOSED, t.status());
        assertEquals(1, events.on(TicketEvents.ACKNOWLEDGED).size());
        assertEquals(2, events.on(TicketEvents.RESOLVED).size());
        assertEquals(1, events.on(TicketEvents.REOPENED).size());
        assertEquals(1, events.on(TicketEvents.CLOSED).size());
        assertEquals(11, events.on(TicketEvents.TRANSITIONED).size());
        List<HistoryEntry> history = service.history(t.id(), PageRequest.first(5)).items();
        assertEquals(5, history.size());
        Page<HistoryEntry> rest = service.history(t.id(), PageRequest.of(50, service.history(t.id(), PageRequest.first(5)).nextCursor()));
        assertEquals(List.of("INVESTIGATING", "SOLUTION_PROPOSED", "RESOLVED", "REOPENED", "INVESTIGATING",
                "SOLUTION_PROPOSED", "RESOLVED", "CLOSED"), rest.items().stream().map(HistoryEntry::to).toList());
        assertEquals("客户接受", rest.items().get(6).note());
    }

    @Test
    void anIllegalMoveIsAConflictNamingTheAllowedMovesAndChangesNothing() {
        Ticket t = p3Ticket();
        ConflictException e = assertThrows(ConflictException.class, () -> move(t, TicketStatus.RESOLVED));
        assertEquals(List.of("ACKNOWLEDGED"), e.extensions().get("allowed"));
        assertEquals("NEW", e.extensions().get("currentStatus"));
        assertEquals(t.version(), service.find(t.id()).orElseThrow().version());
        Ticket proposed = move(move(move(t, TicketStatus.ACKNOWLEDGED), TicketStatus.INVESTIGATING), TicketStatus.SOLUTION_PROPOSED);
        ValidationException noSummary = assertThrows(ValidationException.class, () -> service.transition(proposed.id(),
                new Transition(TicketStatus.RESOLVED, null, new Resolution(" ", null, null), null), null, "agent"));
        assertEquals("resolution.summary", noSummary.errors().get(0).field());
        ValidationException past = assertThrows(ValidationException.class, () -> service.transition(proposed.id(),
                new Transition(TicketStatus.RESOLVED, null, new Resolution("done", null, null),
                        new Commitment(null, T0.minusSeconds(1))), null, "agent"));
        assertEquals("commitment.followUpAt", past.errors().get(0).field());
        assertEquals(TicketStatus.SOLUTION_PROPOSED, service.find(t.id()).orElseThrow().status());
        assertThrows(StaleVersionException.class, () -> service.transition(t.id(),
                new Transition(TicketStatus.INVESTIGATING, null, null, null), 0L, "agent"));
        assertThrows(NotFoundException.class, () -> service.transition("missing",
                new Transition(TicketStatus.ACKNOWLEDGED, null, null, null), null, "agent"));
    }

    @Test
    void concurrentMovesOnOneTicketNeverBothWin() throws Exception {
        for (int round = 0; round < 5; round++) {
            Ticket t = p3Ticket();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                Callable<Boolean> acknowledge = () -> {
                    start.await();
                    try {
                        move(t, TicketStatus.ACKNOWLEDGED);
                        return true;
                    } catch (ConflictException e) {
                        return false;
                    }
                };
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    results.add(pool.submit(acknowledge));
                }
                start.countDown();
                int wins = 0;
                for (Future<Boolean> r : results) {
                    wins += r.get() ? 1 : 0;
                }
                assertEquals(1, wins, "exactly one ACKNOWLEDGED wins");
                assertEquals(1, service.history(t.id(), PageRequest.first(50)).items().stream()
                        .filter(h -> "STATUS".equals(h.action())).count());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void waitingOnTheCustomerPausesTheClocks() {
        Ticket t = p3Ticket();
        clock.advance(Duration.ofMinutes(10));
        t = service.setWaiting(t.id(), true, "agent");
        assertTrue(t.waitingOnCustomer());
        assertEquals(t.version(), service.setWaiting(t.id(), true, "agent").version(), "pausing twice changes nothing");
        clock.advance(Duration.ofHours(2));
        assertFalse(service.find(t.id()).orElseThrow().sla().breached(), "no breach while waiting");
        String id = t.id();
        assertTrue(service.list(new TicketQuery(null, null, null, null, null, Boolean.FALSE, null), PageRequest.first(10))
                .items().stream().anyMatch(x -> x.id().equals(id)), "a waiting ticket is not listed as breached");
        t = service.setWaiting(t.id(), false, "agent");
        assertFalse(t.waitingOnCustomer());
        assertEquals(T0.plus(Duration.ofHours(3)), t.sla().firstResponseDue(), "1 h target + 2 h paused");
        assertEquals(T0.plus(Duration.ofHours(10)), t.sla().resolutionDue());
        Ticket resolved = move(move(move(move(t, TicketStatus.ACKNOWLEDGED), TicketStatus.INVESTIGATING),
                TicketStatus.SOLUTION_PROPOSED), TicketStatus.RESOLVED);
        ConflictException e = assertThrows(ConflictException.class, () -> service.setWaiting(resolved.id(), true, "agent"));
        assertEquals("RESOLVED", e.extensions().get("currentStatus"));
    }

    @Test
    void breachesAreMarkedAndEscalatedStepByStepOnce() {
        SlaMonitor monitor = new SlaMonitor(new TicketStore(emf), settings, clock);
        Ticket t = p3Ticket();
        Ticket onTime = p3Ticket();
        move(onTime, TicketStatus.ACKNOWLEDGED);
        assertEquals(0, monitor.check());
        clock.advance(Duration.ofMinutes(61));
        assertEquals(1, monitor.check(), "first response missed");
        Ticket escalated = service.find(t.id()).orElseThrow();
        assertEquals(1, escalated.escalationLevel());
        assertTrue(escalated.sla().breached());
        assertEquals(0, monitor.check(), "the next step needs another 30 minutes");
        clock.advance(Duration.ofMinutes(30));
        assertEquals(1, monitor.check());
        clock.advance(Duration.ofMinutes(30));
        assertEquals(1, monitor.check());
        clock.advance(Duration.ofMinutes(30));
        assertEquals(0, monitor.check(), "3 is the highest level");
        assertEquals(3, service.find(t.id()).orElseThrow().escalationLevel());
        List<Event> escalations = events.on(TicketEvents.ESCALATED);
        assertEquals(List.of(1, 2, 3), escalations.stream().map(e -> e.getProperty(TicketEvents.TO)).toList());
        assertEquals("FIRST_RESPONSE", escalations.get(0).getProperty(TicketEvents.BREACH));
        assertEquals(List.of(t.id()), service.list(new TicketQuery(null, null, null, null, null, true, null),
                PageRequest.first(10)).items().stream().map(Ticket::id).toList());
        assertEquals(0, service.find(onTime.id()).orElseThrow().escalationLevel());

        Ticket late = move(move(move(service.find(t.id()).orElseThrow(), TicketStatus.ACKNOWLEDGED),
                TicketStatus.INVESTIGATING), TicketStatus.SOLUTION_PROPOSED);
        assertTrue(move(late, TicketStatus.RESOLVED).sla().breached(), "a breach stays on record");
    }

    @Test
    void twoNodesOnOneDatabaseEscalateEachTicketOnce() throws Exception {
        EntityManagerFactory otherNode = TicketTestSupport.entityManagerFactory(url);
        try {
            SlaMonitor a = new SlaMonitor(new TicketStore(emf), settings, clock);
            SlaMonitor b = new SlaMonitor(new TicketStore(otherNode), settings, clock);
            for (int i = 0; i < 20; i++) {
                p3Ticket();
            }
            clock.advance(Duration.ofMinutes(61));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                CountDownLatch start = new CountDownLatch(1);
                Future<Integer> fa = pool.submit(() -> {
                    start.await();
                    return a.check();
                });
                Future<Integer> fb = pool.submit(() -> {
                    start.await();
                    return b.check();
                });
                start.countDown();
                assertEquals(20, fa.get() + fb.get());
            } finally {
                pool.shutdownNow();
            }
            // Both nodes append to the one log: one event per escalation, whichever node made it.
            assertEquals(20, events.on(TicketEvents.ESCALATED).size());
            assertEquals(0, a.check() + b.check());
        } finally {
            otherNode.close();
        }
    }

    @Test
    void followUpAndSurveyEventsCloseOrReopenTheLoop() {
        TicketLoopListener listener = new TicketLoopListener(service);
        Ticket t = move(move(move(move(p3Ticket(), TicketStatus.ACKNOWLEDGED), TicketStatus.INVESTIGATING),
                TicketStatus.SOLUTION_PROPOSED), TicketStatus.RESOLVED);
        listener.consume(LoggedEvents.event(FollowUpEvents.COMPLETED, Map.of(FollowUpEvents.TICKET_ID, t.id(),
                FollowUpEvents.CUSTOMER_SATISFIED, false, FollowUpEvents.SUMMARY, "still broken")));
        Ticket reopened = service.find(t.id()).orElseThrow();
        assertEquals(TicketStatus.REOPENED, reopened.status());
        listener.consume(LoggedEvents.event(FollowUpEvents.COMPLETED, Map.of(FollowUpEvents.TICKET_ID, t.id(),
                FollowUpEvents.CUSTOMER_SATISFIED, false)));
        assertEquals(reopened.version(), service.find(t.id()).orElseThrow().version(), "a redelivered event changes nothing");
        Ticket again = move(move(move(reopened, TicketStatus.INVESTIGATING), TicketStatus.SOLUTION_PROPOSED), TicketStatus.RESOLVED);
        listener.consume(LoggedEvents.event(FollowUpEvents.COMPLETED, Map.of(FollowUpEvents.TICKET_ID, again.id(),
                FollowUpEvents.CUSTOMER_SATISFIED, true)));
        assertEquals(TicketStatus.CLOSED, service.find(t.id()).orElseThrow().status());
        listener.consume(LoggedEvents.event(SurveyEvents.DISSATISFIED, Map.of(SurveyEvents.TICKET_ID, t.id(),
                SurveyEvents.SCORE_KIND, "CSAT", SurveyEvents.SCORE, 1)));
        Ticket fromSurvey = service.find(t.id()).orElseThrow();
        assertEquals(TicketStatus.REOPENED, fromSurvey.status());
        assertEquals(2, fromSurvey.reopenCount());
        HistoryEntry last = service.history(t.id(), PageRequest.first(200)).items().stream().reduce((x, y) -> y).orElseThrow();
        assertEquals("survey", last.actor());
        assertEquals("Survey answer: CSAT 1", last.note());
        listener.consume(LoggedEvents.event(SurveyEvents.DISSATISFIED, Map.of(SurveyEvents.TICKET_ID, "no-such-ticket")));
    }

    @Test
    void statsCountInTheWindowWithMediansFromTheDatabase() {
        Ticket a = p3Ticket();
        clock.advance(Duration.ofMinutes(10));
        Ticket b = service.create(draft("c-zh", new EmotionInput(EmotionLabel.ANGER, 0.9), null), "agent");
        clock.advance(Duration.ofMinutes(20));
        Ticket c = p3Ticket();
        move(a, TicketStatus.ACKNOWLEDGED); // 30 min after a
        clock.advance(Duration.ofMinutes(10));
        move(b, TicketStatus.ACKNOWLEDGED); // 30 min after b
        clock.advance(Duration.ofMinutes(50));
        move(c, TicketStatus.ACKNOWLEDGED); // 60 min after c
        clock.advance(Duration.ofHours(1));
        TicketStats stats = service.stats(T0.minusSeconds(1), clock.instant());
        assertEquals(3, stats.total());
        assertEquals(Map.of("ACKNOWLEDGED", 3L), stats.byStatus());
        assertEquals(Map.of("DISAPPOINTMENT", 2L, "ANGER", 1L), stats.byEmotion());
        assertEquals(Map.of("P3", 2L, "P1", 1L), stats.byPriority());
        assertEquals(30 * 60L, stats.medianFirstResponseSeconds());
        assertNull(stats.medianResolutionSeconds());
        assertEquals(1, stats.breached(), "b (P1) was answered after its 15-minute first-response target");
        assertEquals(1.0 / 3, stats.breachRate(), 1e-9);
        TicketStats onlyA = service.stats(T0, T0.plusSeconds(1));
        assertEquals(1, onlyA.total());
        assertThrows(ValidationException.class, () -> service.stats(T0, T0));
        assertNotNull(service.stats(null, null).from());
    }

    @Test
    void listFiltersAndKeysetPages() {
        for (int i = 0; i < 7; i++) {
            p3Ticket();
        }
        Ticket mine = service.assign(p3Ticket().id(), "li.na", null, "lead");
        assertEquals(1, events.on(TicketEvents.ASSIGNED).size());
        service.assign(mine.id(), "li.na", null, "lead");
        assertEquals(1, events.on(TicketEvents.ASSIGNED).size(), "same assignee: no event");
        assertThrows(StaleVersionException.class, () -> service.assign(mine.id(), "wang", 0L, "lead"));
        assertEquals(List.of(mine.id()), service.list(new TicketQuery(null, null, null, null, "li.na", null, null),
                PageRequest.first(10)).items().stream().map(Ticket::id).toList());
        Page<Ticket> first = service.list(TicketQuery.all(), PageRequest.first(5));
        Page<Ticket> second = service.list(TicketQuery.all(), PageRequest.of(5, first.nextCursor()));
        assertEquals(5, first.items().size());
        assertEquals(3, second.items().size());
        assertNull(second.nextCursor());
        assertEquals(mine.id(), first.items().get(0).id(), "newest first");
        assertEquals(8, service.list(new TicketQuery(TicketStatus.NEW, "c-en", TicketCategory.DELIVERY, Priority.P3, null,
                null, "包裹"), PageRequest.first(50)).items().size());
        assertEquals(1, service.list(new TicketQuery(null, null, null, null, null, null, "cd-000008"), PageRequest.first(50))
                .items().size());
        assertEquals(0, service.list(new TicketQuery(null, null, TicketCategory.BILLING, null, null, null, null),
                PageRequest.first(50)).items().size());
        assertEquals(0, service.list(new TicketQuery(null, null, null, null, null, null, "100%_"), PageRequest.first(50))
                .items().size(), "LIKE wildcards are matched literally");
    }

    @Test
    void commentsAndGuidance() {
        Ticket t = service.create(new TicketDraft("c-zh", TicketChannel.CHAT, TicketCategory.POLICY, "转账限额太低",
                null, new EmotionInput(EmotionLabel.ANGER, 0.9), null, null, null), "agent");
        service.comment(t.id(), new CommentDraft("客户情绪激动", null), "agent");
        service.comment(t.id(), new CommentDraft("已致电", false), "agent");
        assertEquals(List.of(true, false), service.comments(t.id()).stream().map(c -> c.internal()).toList());
        assertThrows(ValidationException.class, () -> service.comment(t.id(), new CommentDraft(" ", true), "agent"));
        var guidance = service.guidance(t.id());
        assertEquals("zh", guidance.language());
        assertEquals("EMOTIONAL", guidance.temperament());
        assertEquals("共情理解", guidance.step().name());
        assertTrue(guidance.strategy().startsWith("情绪型客户"));
        assertTrue(guidance.pitfalls().stream().anyMatch(p -> p.startsWith("忽视情绪")), guidance.pitfalls().toString());
        assertTrue(guidance.pitfalls().stream().anyMatch(p -> p.startsWith("首次响应即将到期")), "P1: 15 minutes to respond");
        assertFalse(guidance.doNext().isEmpty());
        assertFalse(guidance.say().isEmpty());
        assertEquals(List.of("ticket"), guidance.contributors());
    }
}
