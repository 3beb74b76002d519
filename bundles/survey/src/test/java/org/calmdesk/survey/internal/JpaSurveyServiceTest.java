package org.calmdesk.survey.internal;

import org.calmdesk.core.testing.MutableClock;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.core.testing.LoggedEvents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.persistence.EntityManagerFactory;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.core.error.ConflictException;
import org.calmdesk.core.error.GoneException;
import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.core.error.ValidationException;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.survey.api.Invitation;
import org.calmdesk.survey.api.InvitationChannel;
import org.calmdesk.survey.api.InvitationDraft;
import org.calmdesk.survey.api.InvitationQuery;
import org.calmdesk.survey.api.InvitationStatus;
import org.calmdesk.survey.api.Question;
import org.calmdesk.survey.api.QuestionType;
import org.calmdesk.survey.api.Survey;
import org.calmdesk.survey.api.SurveyAnswer;
import org.calmdesk.survey.api.SurveyDraft;
import org.calmdesk.survey.api.SurveyEvents;
import org.calmdesk.survey.api.SurveyReport;
import org.calmdesk.survey.api.SurveyTrigger;
import org.calmdesk.ticket.api.Emotion;
import org.calmdesk.ticket.api.EmotionSource;
import org.calmdesk.ticket.api.Priority;
import org.calmdesk.ticket.api.Sla;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketCategory;
import org.calmdesk.ticket.api.TicketChannel;
import org.calmdesk.ticket.api.TicketStatus;
import org.calmdesk.customer.api.events.CustomerErased;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

class JpaSurveyServiceTest {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final List<Question> QUESTIONS = List.of(
            new Question("csat", QuestionType.CSAT, "您对这次处理满意吗？", null, true, null),
            new Question("nps", QuestionType.NPS, "您愿意向朋友推荐我们吗？", null, true, null),
            new Question("comment", QuestionType.TEXT, "还有什么建议？", null, false, null));

    private String url;
    private EntityManagerFactory emf;
    private MutableClock clock;
    private LoggedEvents events;
    private SurveySettings settings;
    private JpaSurveyService service;
    private final Map<String, Ticket> tickets = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeEach
    void setUp() {
        url = SurveyTestSupport.newH2Url();
        emf = SurveyTestSupport.h2(url);
        clock = new MutableClock(T0);
        events = new LoggedEvents(emf);
        settings = new SurveySettings(SurveyPolicy.defaults());
        service = node(emf);
    }

    private JpaSurveyService node(EntityManagerFactory factory) {
        JpaSurveyService node = new JpaSurveyService(new SurveyStore(factory), new InvitationStore(factory), new BeanValidator(),
                settings, clock);
        node.customers = SurveyTestSupport.customers("c1", "c2", "erased-1");
        node.tickets = SurveyTestSupport.tickets(tickets);
        return node;
    }

    /** The ticket inviter with the current settings. */
    private TicketResolvedInviter inviter() {
        return new TicketResolvedInviter(new SurveyStore(emf), new InvitationStore(emf), settings, clock);
    }

    /** The delayed-invitation sender of a node with the current settings. */
    private DeferredInvitationSender sender(EntityManagerFactory factory) {
        return new DeferredInvitationSender(new InvitationStore(factory), settings, clock);
    }

    @AfterEach
    void tearDown() {
        emf.close();
    }

    private Survey survey(SurveyTrigger trigger) {
        return service.create(new SurveyDraft("售后满意度", trigger, true, QUESTIONS), "admin");
    }

    private Invitation invite(Survey survey, String customerId, String ticketId) {
        return service.invite(survey.id(), new InvitationDraft(customerId, ticketId, InvitationChannel.SMS), "agent");
    }

    private static Ticket ticket(String id, String customerId, TicketCategory category, Integer negativity) {
        return new Ticket(id, "CD-1", customerId, TicketChannel.PHONE, category, "x", null,
                new Emotion(EmotionLabel.ANGER, 0.8, EmotionSource.ANALYZER, negativity, List.of()), Priority.P2,
                TicketStatus.RESOLVED, null, 0, new Sla(T0, T0, T0, T0, false), null, null, false, 0, List.of(), T0, T0, 1);
    }

    @Test
    void invitationsCarryUnguessableTokensAndExpire() {
        Survey s = survey(SurveyTrigger.MANUAL);
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Invitation invitation = invite(s, "c1", null);
            assertEquals(43, invitation.token().length(), "256 bits, URL-safe base64");
            assertTrue(invitation.token().matches("[A-Za-z0-9_-]+"));
            assertTrue(tokens.add(invitation.token()));
        }
        Invitation invitation = invite(s, "c2", null);
        assertEquals(T0.plus(Duration.ofDays(7)), invitation.expiresAt());
        assertEquals(InvitationStatus.SENT, invitation.status());
        assertEquals(QUESTIONS, service.form(invitation.token()).questions());
        clock.advance(Duration.ofDays(7).plusSeconds(1));
        assertThrows(GoneException.class, () -> service.form(invitation.token()));
        assertThrows(GoneException.class, () -> service.answer(invitation.token(), Map.of("csat", 5, "nps", 10)));
        assertEquals(51, service.invitations(s.id(), new InvitationQuery(null, null, InvitationStatus.EXPIRED),
                PageRequest.first(200)).items().size());
        assertEquals(0, service.invitations(s.id(), new InvitationQuery(null, null, InvitationStatus.SENT),
                PageRequest.first(200)).items().size());
        assertThrows(NotFoundException.class, () -> service.form("not-a-token"));
        assertThrows(NotFoundException.class, () -> service.form(invitation.token().substring(1) + "A"));
    }

    @Test
    void invitingChecksTheSurveyCustomerAndTicket() {
        Survey s = survey(SurveyTrigger.MANUAL);
        assertThrows(NotFoundException.class, () -> service.invite("nope", new InvitationDraft("c1", null, InvitationChannel.SMS), "a"));
        assertEquals("customerId", assertThrows(ValidationException.class, () -> invite(s, "nobody", null)).errors().get(0).field());
        assertEquals("customerId", assertThrows(ValidationException.class, () -> invite(s, "erased-1", null)).errors().get(0).field());
        tickets.put("t1", ticket("t1", "c2", TicketCategory.BILLING, null));
        assertEquals("ticketId", assertThrows(ValidationException.class, () -> invite(s, "c1", "t1")).errors().get(0).field());
        service.update(s.id(), new SurveyDraft("停用", SurveyTrigger.MANUAL, false, QUESTIONS), null, "admin");
        assertThrows(ConflictException.class, () -> invite(s, "c1", null));
    }

    @Test
    void oneAnswerPerTokenEvenWhenTwoArriveAtOnce() throws Exception {
        Survey s = survey(SurveyTrigger.MANUAL);
        for (int round = 0; round < 5; round++) {
            Invitation invitation = invite(s, "c1", null);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    int csat = i + 1;
                    results.add(pool.submit(() -> {
                        go.await();
                        try {
                            service.answer(invitation.token(), Map.of("csat", csat, "nps", 9));
                            return true;
                        } catch (ConflictException e) {
                            return false;
                        }
                    }));
                }
                go.countDown();
                int wins = 0;
                for (Future<Boolean> r : results) {
                    wins += r.get() ? 1 : 0;
                }
                assertEquals(1, wins);
            } finally {
                pool.shutdownNow();
            }
            assertThrows(ConflictException.class, () -> service.form(invitation.token()));
        }
        assertEquals(5, events.on(SurveyEvents.RESPONDED).size());
        assertEquals(5, service.report(s.id(), T0, T0.plusSeconds(1)).responded());
    }

    @Test
    void aDissatisfiedAnswerPostsTheEventThatReopensTheLoop() {
        Survey s = survey(SurveyTrigger.MANUAL);
        tickets.put("t9", ticket("t9", "c1", TicketCategory.PRODUCT_QUALITY, 80));
        service.answer(invite(s, "c1", "t9").token(), Map.of("csat", 3, "nps", 7));
        assertTrue(events.on(SurveyEvents.DISSATISFIED).isEmpty(), "CSAT 3 and NPS 7 are not dissatisfied");
        service.answer(invite(s, "c1", "t9").token(), Map.of("csat", 2, "nps", 9));
        Event csat = events.on(SurveyEvents.DISSATISFIED).get(0);
        assertEquals("CSAT", csat.getProperty(SurveyEvents.SCORE_KIND));
        assertEquals(2, csat.getProperty(SurveyEvents.SCORE));
        assertEquals("t9", csat.getProperty(SurveyEvents.TICKET_ID));
        service.answer(invite(s, "c2", null).token(), Map.of("csat", 4, "nps", 6));
        Event nps = events.on(SurveyEvents.DISSATISFIED).get(1);
        assertEquals("NPS", nps.getProperty(SurveyEvents.SCORE_KIND));
        assertNull(nps.getProperty(SurveyEvents.TICKET_ID), "no ticket: the follow-up module calls back");
    }

    @Test
    void badAnswersChangeNothing() {
        Survey s = survey(SurveyTrigger.MANUAL);
        Invitation invitation = invite(s, "c1", null);
        assertThrows(ValidationException.class, () -> service.answer(invitation.token(), Map.of("csat", 5)));
        assertThrows(ValidationException.class, () -> service.answer(invitation.token(), Map.of("csat", 6, "nps", 10)));
        assertEquals(InvitationStatus.SENT, service.invitations(s.id(), new InvitationQuery("c1", null, null),
                PageRequest.first(10)).items().get(0).status());
        service.answer(invitation.token(), Map.of("csat", 5, "nps", 10));
    }

    @Test
    void editingQuestionsMakesANewRevisionAndOldAnswersStayReadable() {
        Survey s = survey(SurveyTrigger.MANUAL);
        Invitation before = invite(s, "c1", null);
        SurveyAnswer old = service.answer(before.token(), Map.of("csat", 4, "nps", 8, "comment", "还行"));
        Invitation pending = invite(s, "c2", null);
        List<Question> changed = List.of(new Question("overall", QuestionType.RATING, "总体评分", null, true, 10));
        Survey edited = service.update(s.id(), new SurveyDraft("售后满意度 v2", SurveyTrigger.MANUAL, true, changed), s.version(), "admin");
        assertEquals(2, edited.revision());
        assertEquals(changed, edited.questions());
        assertEquals(2, service.update(s.id(), new SurveyDraft("只改名字", SurveyTrigger.MANUAL, true, changed), null, "admin").revision(),
                "a new name alone keeps the revision");
        assertEquals(QUESTIONS, service.form(pending.token()).questions(), "an invitation sent before the edit asks the old questions");
        service.answer(pending.token(), Map.of("csat", 5, "nps", 10));
        assertEquals(changed, service.form(invite(s, "c1", null).token()).questions());
        SurveyAnswer stillThere = new InvitationStore(emf).recentAnswersOfCustomer("c1", 10).get(0);
        assertEquals(old.id(), stillThere.id());
        assertEquals(1, stillThere.revision());
        assertEquals(Map.of("csat", 4, "nps", 8, "comment", "还行"), stillThere.answers());
        assertEquals(2, service.report(s.id(), T0, T0.plusSeconds(1)).csat().answers(), "old answers still count");
        assertThrows(org.calmdesk.core.error.StaleVersionException.class, () -> service.update(s.id(),
                new SurveyDraft("x", SurveyTrigger.MANUAL, true, changed), s.version(), "admin"));
    }

    @Test
    void theReportAggregatesScoresByCategoryAndOpeningNegativity() {
        Survey s = survey(SurveyTrigger.MANUAL);
        tickets.put("calm", ticket("calm", "c1", TicketCategory.DELIVERY, 20));
        tickets.put("heated", ticket("heated", "c1", TicketCategory.BILLING, 90));
        tickets.put("heated2", ticket("heated2", "c2", TicketCategory.BILLING, 80));
        service.answer(invite(s, "c1", "calm").token(), Map.of("csat", 5, "nps", 10, "comment", "快递员很负责"));
        service.answer(invite(s, "c1", "heated").token(), Map.of("csat", 2, "nps", 3, "comment", "扣费还是不对"));
        service.answer(invite(s, "c2", "heated2").token(), Map.of("csat", 4, "nps", 8));
        service.answer(invite(s, "c2", null).token(), Map.of("csat", 1, "nps", 0));
        invite(s, "c2", null);
        SurveyReport r = service.report(s.id(), T0.minusSeconds(1), T0.plusSeconds(1));
        assertEquals(5, r.invited());
        assertEquals(4, r.responded());
        assertEquals(0.8, r.responseRate());
        assertEquals(4, r.csat().answers());
        assertEquals(3.0, r.csat().average());
        assertEquals(50.0, r.csat().satisfiedPct());
        assertEquals(1, r.nps().promoters());
        assertEquals(1, r.nps().passives());
        assertEquals(2, r.nps().detractors());
        assertEquals(-25.0, r.nps().score());
        assertEquals(List.of("BILLING", "DELIVERY", "NONE"), r.byCategory().stream().map(SurveyReport.CategoryBreakdown::category).toList());
        SurveyReport.CategoryBreakdown billing = r.byCategory().get(0);
        assertEquals(2, billing.responded());
        assertEquals(3.0, billing.csatAverage());
        assertEquals(-50.0, billing.npsScore());
        assertEquals(List.of("快递员很负责", "扣费还是不对"), r.freeText().stream().map(SurveyReport.TextAnswer::text).sorted().toList());
        SurveyReport.EmotionBand low = r.emotionShift().get(0);
        SurveyReport.EmotionBand high = r.emotionShift().get(2);
        assertEquals(1, low.responded());
        assertEquals(5.0, low.csatAverage());
        assertEquals(2, high.responded());
        assertEquals(85.0, high.averageOpeningNegativity());
        assertEquals(3.0, high.csatAverage());
        assertEquals(0, r.emotionShift().get(1).responded());
        SurveyReport empty = service.report(s.id(), T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)));
        assertEquals(0, empty.invited());
        assertNull(empty.csat().average());
        assertNull(empty.nps().score());
        assertThrows(ValidationException.class, () -> service.report(s.id(), T0, T0));
        assertThrows(NotFoundException.class, () -> service.report("nope", null, null));
    }

    @Test
    void aResolvedTicketInvitesOncePerResolutionAndHeatedTicketsFollowThePolicy() throws Exception {
        Survey auto = survey(SurveyTrigger.TICKET_RESOLVED);
        survey(SurveyTrigger.MANUAL);
        TicketResolvedInviter.ResolvedTicket calm = new TicketResolvedInviter.ResolvedTicket("t1", "c1", 0, "DELIVERY", "EMAIL", 30);
        assertEquals(1, inviter().inviteForResolvedTicket(calm).size());
        assertEquals(0, inviter().inviteForResolvedTicket(calm).size(), "a redelivered event invites nobody again");
        assertEquals(1, inviter().inviteForResolvedTicket(new TicketResolvedInviter.ResolvedTicket("t1", "c1", 1, "DELIVERY", "EMAIL", 30)).size(),
                "the next resolution is surveyed again");
        Invitation invited = service.invitations(auto.id(), new InvitationQuery(null, "t1", null), PageRequest.first(10)).items().get(0);
        assertEquals(InvitationChannel.EMAIL, invited.channel());
        assertEquals(2, events.on(SurveyEvents.INVITED).size());

        TicketResolvedInviter.ResolvedTicket heated = new TicketResolvedInviter.ResolvedTicket("t2", "c2", 0, "BILLING", "PHONE", 85);
        settings = new SurveySettings(new SurveyPolicy(java.time.Period.ofDays(7), 30, false, 16_384, InvitationChannel.SMS, 70,
                SurveyPolicy.HeatedPolicy.CALLBACK, Duration.ofDays(2), 60, 30));
        service = node(emf);
        assertEquals(0, inviter().inviteForResolvedTicket(heated).size());
        Event callback = events.on(SurveyEvents.CALLBACK_REQUESTED).get(0);
        assertEquals("t2", callback.getProperty(SurveyEvents.TICKET_ID));
        assertEquals("HEATED_TICKET", callback.getProperty(SurveyEvents.REASON));

        settings = new SurveySettings(new SurveyPolicy(java.time.Period.ofDays(7), 30, false, 16_384, InvitationChannel.SMS, 70,
                SurveyPolicy.HeatedPolicy.DELAY, Duration.ofDays(2), 60, 30));
        service = node(emf);
        DeferredInvitationSender thisNode = sender(emf);
        DeferredInvitationSender otherNode = sender(SurveyTestSupport.h2(url));
        assertEquals(0, inviter().inviteForResolvedTicket(heated).size());
        assertEquals(0, inviter().inviteForResolvedTicket(heated).size());
        assertEquals(0, thisNode.sendDeferred(clock.instant()) + otherNode.sendDeferred(clock.instant()), "not due yet");
        clock.advance(Duration.ofDays(2));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<Integer> a = pool.submit(() -> {
                go.await();
                return thisNode.sendDeferred(clock.instant());
            });
            Future<Integer> b = pool.submit(() -> {
                go.await();
                return otherNode.sendDeferred(clock.instant());
            });
            go.countDown();
            assertEquals(1, a.get() + b.get(), "one delayed invitation, sent once by one node");
        } finally {
            pool.shutdownNow();
        }
        Invitation delayed = service.invitations(auto.id(), new InvitationQuery(null, "t2", null), PageRequest.first(10)).items().get(0);
        assertEquals(T0.plus(Duration.ofDays(2)), delayed.sentAt());
        assertNotEquals(invited.token(), delayed.token());
    }

    @Test
    void erasingACustomerClosesTheirInvitationsAndRedactsTheirWordsButKeepsTheScores() {
        Survey auto = survey(SurveyTrigger.TICKET_RESOLVED);
        settings = new SurveySettings(new SurveyPolicy(java.time.Period.ofDays(7), 30, false, 16_384, InvitationChannel.SMS, 70,
                SurveyPolicy.HeatedPolicy.DELAY, Duration.ofDays(2), 60, 30));
        service = node(emf);
        assertEquals(0, inviter().inviteForResolvedTicket(new TicketResolvedInviter.ResolvedTicket("t9", "c1", 0, "BILLING", "PHONE", 90))
                .size(), "a heated ticket's invitation waits two days");
        Survey s = survey(SurveyTrigger.MANUAL);
        service.answer(invite(s, "c1", null).token(), Map.of("csat", 2, "nps", 3, "comment", "王先生，手机13800000000，别再打了"));
        Invitation open = invite(s, "c1", null);
        service.answer(invite(s, "c2", null).token(), Map.of("csat", 5, "nps", 10, "comment", "处理很快"));
        SurveyReport before = service.report(s.id(), T0.minusSeconds(1), T0.plusSeconds(1));
        SurveyErasure erasure = new SurveyErasure(new InvitationStore(emf), clock);
        LoggedEvent erased = LoggedEvents.event(new CustomerErased("c1", null, "admin"));

        erasure.consume(erased);
        erasure.consume(erased); // redelivered: nothing more changes

        assertThrows(GoneException.class, () -> service.answer(open.token(), Map.of("csat", 5, "nps", 10)),
                "an erased customer's open invitation no longer takes answers");
        SurveyReport after = service.report(s.id(), T0.minusSeconds(1), T0.plusSeconds(1));
        assertEquals(before.csat(), after.csat(), "the scores stay in the report");
        assertEquals(before.nps(), after.nps());
        assertEquals(Set.of("(erased)", "处理很快"), after.freeText().stream().map(SurveyReport.TextAnswer::text)
                .collect(java.util.stream.Collectors.toSet()));
        SurveyAnswer answer = new InvitationStore(emf).recentAnswersOfCustomer("c1", 10).get(0);
        assertEquals("(erased)", answer.answers().get("comment"));
        assertEquals(2, ((Number) answer.answers().get("csat")).intValue());
        assertEquals("处理很快", new InvitationStore(emf).recentAnswersOfCustomer("c2", 10).get(0).answers().get("comment"));
        clock.advance(Duration.ofDays(3));
        assertEquals(0, sender(emf).sendDeferred(clock.instant()), "the waiting invitation to the erased customer is never sent");
        assertEquals(0, service.invitations(auto.id(), new InvitationQuery(null, "t9", null), PageRequest.first(10)).items().size());
    }

    @Test
    void mergingACustomerMovesTheirInvitationsAndAnswersToTheTargetOnce() {
        Survey s = survey(SurveyTrigger.MANUAL);
        service.answer(invite(s, "c2", null).token(), Map.of("csat", 4, "nps", 8, "comment", "还行"));
        Invitation open = invite(s, "c2", null);
        Invitation mine = invite(s, "c1", null);
        InvitationStore store = new InvitationStore(emf);
        SurveyCustomerMerge merge = new SurveyCustomerMerge(store);
        LoggedEvent merged = LoggedEvents.event(new org.calmdesk.customer.api.events.CustomerMerged("c1", "c2", "agent"));

        merge.consume(merged);
        merge.consume(merged); // redelivered: nothing more changes

        List<Invitation> ofTarget = service.invitations(s.id(), new InvitationQuery("c1", null, null), PageRequest.first(10)).items();
        assertEquals(3, ofTarget.size());
        assertTrue(ofTarget.stream().anyMatch(i -> i.id().equals(open.id())));
        assertTrue(ofTarget.stream().anyMatch(i -> i.id().equals(mine.id())));
        assertTrue(service.invitations(s.id(), new InvitationQuery("c2", null, null), PageRequest.first(10)).items().isEmpty());
        assertEquals("还行", store.recentAnswersOfCustomer("c1", 10).get(0).answers().get("comment"));
        assertTrue(store.recentAnswersOfCustomer("c2", 10).isEmpty());
        service.answer(open.token(), Map.of("csat", 5, "nps", 9));
        assertEquals(2, store.recentAnswersOfCustomer("c1", 10).size(), "a moved open invitation still takes its answer");
    }
    @Test
    void mergingATicketExpiresItsPendingInvitationsAndDropsTheWaitingOnesOnce() {
        tickets.put("t-m", ticket("t-m", "c1", TicketCategory.BILLING, null));
        tickets.put("t-keep", ticket("t-keep", "c1", TicketCategory.BILLING, null));
        Survey s = survey(SurveyTrigger.MANUAL);
        Invitation answered = invite(s, "c1", "t-m");
        service.answer(answered.token(), Map.of("csat", 4, "nps", 8));
        Invitation pending = invite(s, "c1", "t-m");
        Invitation kept = invite(s, "c1", "t-keep");
        Survey auto = survey(SurveyTrigger.TICKET_RESOLVED);
        settings = new SurveySettings(new SurveyPolicy(java.time.Period.ofDays(7), 30, false, 16_384, InvitationChannel.SMS, 70,
                SurveyPolicy.HeatedPolicy.DELAY, Duration.ofDays(2), 60, 30));
        service = node(emf);
        assertEquals(0, inviter().inviteForResolvedTicket(new TicketResolvedInviter.ResolvedTicket("t-m", "c1", 0, "BILLING", "PHONE", 90))
                .size(), "a heated ticket's invitation waits two days");
        SurveyTicketMerge merge = new SurveyTicketMerge(new InvitationStore(emf), clock);
        LoggedEvent merged = LoggedEvents.event(new org.calmdesk.ticket.api.events.TicketMerged("t-m", "CD-000009", "c1",
                "CLOSED", "P2", "BILLING", "PHONE", "ANGER", 0.8, 0, 0, "agent", null, 90, null, "RESOLVED", "t-keep", "CD-000010"));

        merge.consume(merged);
        merge.consume(merged); // redelivered: nothing more changes

        assertEquals(0, new InvitationStore(emf).expireOfTicket("t-m", clock.instant()), "nothing left pending");
        assertThrows(GoneException.class, () -> service.answer(pending.token(), Map.of("csat", 5, "nps", 10)),
                "the duplicate's invitation no longer takes answers");
        assertEquals(List.of(pending.id()), service.invitations(s.id(), new InvitationQuery(null, "t-m", InvitationStatus.EXPIRED),
                PageRequest.first(10)).items().stream().map(Invitation::id).toList());
        assertEquals(List.of(answered.id()), service.invitations(s.id(), new InvitationQuery(null, "t-m", InvitationStatus.RESPONDED),
                PageRequest.first(10)).items().stream().map(Invitation::id).toList(), "an answer stays an answer");
        service.answer(kept.token(), Map.of("csat", 5, "nps", 9));
        clock.advance(Duration.ofDays(3));
        assertEquals(0, sender(emf).sendDeferred(clock.instant()), "the waiting invitation for the duplicate is never sent");
        assertTrue(service.invitations(auto.id(), new InvitationQuery(null, "t-m", null), PageRequest.first(10)).items().isEmpty());
    }
}
