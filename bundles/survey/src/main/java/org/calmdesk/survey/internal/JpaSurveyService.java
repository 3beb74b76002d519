package org.calmdesk.survey.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
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
import org.calmdesk.core.error.GoneException;
import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.core.error.StaleVersionException;
import org.calmdesk.core.error.ValidationException;
import org.calmdesk.core.paging.Cursor;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.persistence.Transactions;
import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.customer.api.Customer;
import org.calmdesk.customer.api.CustomerService;
import org.calmdesk.customer.api.LiveCustomers;
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
import org.calmdesk.survey.api.SurveyForm;
import org.calmdesk.survey.api.SurveyReport;
import org.calmdesk.survey.api.SurveyService;
import org.calmdesk.survey.api.SurveyTrigger;
import org.calmdesk.ticket.api.CustomerTickets;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Surveys in the {@code calmdesk.survey} persistence unit. */
@Component(service = { SurveyService.class, JpaSurveyService.class })
public class JpaSurveyService implements SurveyService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TOKEN_BYTES = 32;

    private final Transactions tx;
    private final BeanValidator validator;
    private final EventAdmin events;
    private final SurveySettings settings;
    private final Clock clock;
    private final SurveyReports reports;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile CustomerService customers;

    /** Optional: without the ticket module invitations are manual and a ticketId is kept as given. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TicketService tickets;

    @Activate
    public JpaSurveyService(@Reference(target = "(osgi.unit.name=calmdesk.survey)") EntityManagerFactory emf,
            @Reference BeanValidator validator, @Reference EventAdmin events, @Reference SurveySettings settings) {
        this(emf, validator, events, settings, Clock.systemUTC());
    }

    JpaSurveyService(EntityManagerFactory emf, BeanValidator validator, EventAdmin events, SurveySettings settings, Clock clock) {
        this.tx = new Transactions(emf);
        this.validator = validator;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
        this.reports = new SurveyReports(tx);
    }

    // ---- templates ----

    @Override
    public Survey create(SurveyDraft draft, String actor) {
        validator.validate(draft);
        Questions.checkTemplate(draft.questions());
        String json = Questions.toJson(draft.questions());
        return tx.inTransaction(em -> {
            Instant now = now();
            SurveyEntity survey = new SurveyEntity(Ids.newId(), now);
            survey.apply(draft.name(), draft.trigger(), draft.active() == null || draft.active(), 1, now);
            em.persist(survey);
            em.persist(new SurveyRevisionEntity(survey.id(), 1, json, now));
            em.flush();
            return toDto(survey, draft.questions());
        });
    }

    @Override
    public Optional<Survey> find(String id) {
        return tx.read(em -> Optional.ofNullable(em.find(SurveyEntity.class, id)).map(s -> toDto(s, questions(em, s.id(), s.revision()))));
    }

    @Override
    public List<Survey> list() {
        return tx.read(em -> em.createQuery("SELECT s FROM SurveyEntity s ORDER BY s.id", SurveyEntity.class).getResultStream()
                .map(s -> toDto(s, questions(em, s.id(), s.revision()))).toList());
    }

    @Override
    public Survey update(String id, SurveyDraft draft, Long expectedVersion, String actor) {
        validator.validate(draft);
        Questions.checkTemplate(draft.questions());
        String json = Questions.toJson(draft.questions());
        return tx.inTransaction(em -> {
            Instant now = now();
            SurveyEntity survey = em.find(SurveyEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (survey == null) {
                throw new NotFoundException("Survey", id);
            }
            if (expectedVersion != null && expectedVersion != survey.version()) {
                throw new StaleVersionException(expectedVersion, survey.version());
            }
            boolean questionsChanged = !json.equals(em.find(SurveyRevisionEntity.class,
                    SurveyRevisionEntity.key(id, survey.revision())).questionsJson());
            int revision = questionsChanged ? survey.revision() + 1 : survey.revision();
            if (questionsChanged) {
                em.persist(new SurveyRevisionEntity(id, revision, json, now));
            }
            survey.apply(draft.name(), draft.trigger(), draft.active() == null || draft.active(), revision, now);
            em.flush();
            return toDto(survey, draft.questions());
        });
    }

    // ---- invitations ----

    @Override
    public Invitation invite(String surveyId, InvitationDraft draft, String actor) {
        validator.validate(draft);
        Customer customer = liveCustomer(draft.customerId().trim());
        Ticket ticket = ticketOf(draft.ticketId(), customer.id());
        Invitation invitation = tx.inTransaction(em -> {
            SurveyEntity survey = em.find(SurveyEntity.class, surveyId);
            if (survey == null) {
                throw new NotFoundException("Survey", surveyId);
            }
            if (!survey.active()) {
                throw new ConflictException("Survey " + surveyId + " is not active", Map.of("active", false));
            }
            return persistInvitation(em, survey, customer.id(), draft.ticketId(), draft.channel(),
                    ticket == null ? null : ticket.category().name(), ticket == null ? null : ticket.emotion().negativity(), null);
        });
        postInvited(invitation);
        return invitation;
    }

    @Override
    public Page<Invitation> invitations(String surveyId, InvitationQuery query, PageRequest page) {
        Instant now = now();
        StringBuilder jpql = new StringBuilder("SELECT i FROM InvitationEntity i WHERE i.surveyId = :survey");
        Map<String, Object> params = new HashMap<>();
        params.put("survey", surveyId);
        if (query.customerId() != null && !query.customerId().isBlank()) {
            jpql.append(" AND i.customerId = :customer");
            params.put("customer", query.customerId().trim());
        }
        if (query.ticketId() != null && !query.ticketId().isBlank()) {
            jpql.append(" AND i.ticketId = :ticket");
            params.put("ticket", query.ticketId().trim());
        }
        if (query.status() != null) {
            switch (query.status()) {
                case RESPONDED -> jpql.append(" AND i.status = :responded");
                case SENT -> jpql.append(" AND i.status = :sent AND i.expiresAt >= :now");
                case EXPIRED -> jpql.append(" AND i.status = :sent AND i.expiresAt < :now");
            }
            if (query.status() == InvitationStatus.RESPONDED) {
                params.put("responded", InvitationStatus.RESPONDED);
            } else {
                params.put("sent", InvitationStatus.SENT);
                params.put("now", now);
            }
        }
        if (page.after() != null) {
            jpql.append(" AND i.id < :after");
            params.put("after", page.after().key(0));
        }
        jpql.append(" ORDER BY i.id DESC");
        return tx.read(em -> {
            if (em.find(SurveyEntity.class, surveyId) == null) {
                throw new NotFoundException("Survey", surveyId);
            }
            TypedQuery<InvitationEntity> typed = em.createQuery(jpql.toString(), InvitationEntity.class);
            params.forEach(typed::setParameter);
            List<InvitationEntity> rows = typed.setMaxResults(page.fetchSize()).getResultList();
            return Page.fromFetched(rows, page, i -> Cursor.of(i.id())).map(i -> i.toDto(now));
        });
    }

    // ---- the open, token-authenticated side ----

    @Override
    public SurveyForm form(String token) {
        Instant now = now();
        return tx.read(em -> {
            InvitationEntity invitation = usable(byToken(em, token, LockModeType.NONE), now);
            SurveyEntity survey = em.find(SurveyEntity.class, invitation.surveyId());
            return new SurveyForm(survey.name(), questions(em, invitation.surveyId(), invitation.revision()), invitation.expiresAt());
        });
    }

    @Override
    public SurveyAnswer answer(String token, Map<String, Object> answers) {
        Instant now = now();
        InvitationEntity peek = usable(tx.read(em -> byToken(em, token, LockModeType.NONE)), now);
        List<Question> questions = tx.read(em -> questions(em, peek.surveyId(), peek.revision()));
        Map<String, Object> clean = Questions.checkAnswers(questions, answers);
        SurveyAnswer stored = tx.inTransaction(em -> {
            // The row lock serialises two answers to one token; the second finds RESPONDED (409).
            InvitationEntity invitation = usable(byToken(em, token, LockModeType.PESSIMISTIC_WRITE), now);
            AnswerEntity answer = new AnswerEntity(Ids.newId(), invitation, Questions.toJson(clean), now);
            em.persist(answer);
            for (Question q : questions) {
                Object value = clean.get(q.key());
                if (value != null) {
                    em.persist(new ScoreEntity(Ids.newId(), answer, invitation, q.key(), q.type(),
                            value instanceof Integer i ? i : null, value instanceof String s ? s : null));
                }
            }
            invitation.responded(now);
            em.flush();
            return new SurveyAnswer(answer.id(), invitation.id(), invitation.surveyId(), invitation.revision(),
                    invitation.customerId(), invitation.ticketId(), clean, now);
        });
        postAnswered(stored, questions);
        return stored;
    }

    @Override
    public SurveyReport report(String surveyId, Instant from, Instant to) {
        if (find(surveyId).isEmpty()) {
            throw new NotFoundException("Survey", surveyId);
        }
        Instant end = to == null ? now() : to;
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : from;
        if (!start.isBefore(end)) {
            throw new ValidationException("from", "must be before to");
        }
        return reports.report(surveyId, start, end);
    }

    // ---- from tickets ----

    /** What the ticket module says of a resolved ticket, as far as surveys need it. */
    record ResolvedTicket(String ticketId, String customerId, int reopenCount, String category, String channel, Integer negativity) {
    }

    /**
     * Invites the customer of a resolved ticket to every active TICKET_RESOLVED survey, once per
     * resolution (the origin key is unique), unless the heated-ticket policy delays the invitation
     * or replaces it by a call-back.
     */
    List<Invitation> inviteForResolvedTicket(ResolvedTicket ticket) {
        SurveyPolicy policy = settings.policy();
        List<SurveyEntity> surveys = tx.read(em -> em.createQuery("SELECT s FROM SurveyEntity s WHERE s.trigger = :trigger"
                + " AND s.state = 'ACTIVE' ORDER BY s.id", SurveyEntity.class).setParameter("trigger", SurveyTrigger.TICKET_RESOLVED)
                .getResultList());
        if (surveys.isEmpty()) {
            return List.of();
        }
        boolean heated = ticket.negativity() != null && ticket.negativity() >= policy.heatedNegativity();
        InvitationChannel channel = channelFor(ticket.channel(), policy);
        if (heated && policy.heatedPolicy() == SurveyPolicy.HeatedPolicy.CALLBACK) {
            Map<String, Object> props = new HashMap<>();
            props.put(SurveyEvents.CUSTOMER_ID, ticket.customerId());
            props.put(SurveyEvents.TICKET_ID, ticket.ticketId());
            props.put(SurveyEvents.DUE_AT, now().plus(Duration.ofDays(1)).toString());
            props.put(SurveyEvents.REASON, "HEATED_TICKET");
            props.put(SurveyEvents.SCORE, ticket.negativity());
            events.postEvent(new Event(SurveyEvents.CALLBACK_REQUESTED, props));
            return List.of();
        }
        List<Invitation> sent = new ArrayList<>();
        for (SurveyEntity survey : surveys) {
            String origin = "ticket:" + ticket.ticketId() + ":" + ticket.reopenCount() + ":" + survey.id();
            if (heated && policy.heatedPolicy() == SurveyPolicy.HeatedPolicy.DELAY) {
                tx.run(em -> {
                    if (em.createQuery("SELECT COUNT(d) FROM DeferredInvitationEntity d WHERE d.originKey = :o", Long.class)
                            .setParameter("o", origin).getSingleResult() == 0) {
                        em.persist(new DeferredInvitationEntity(Ids.newId(), survey.id(), ticket.customerId(), ticket.ticketId(),
                                channel, ticket.category(), ticket.negativity(), now().plus(policy.heatedDelay()), origin));
                    }
                });
                continue;
            }
            Optional<Invitation> created = inviteOnce(survey.id(), ticket.customerId(), ticket.ticketId(), channel,
                    ticket.category(), ticket.negativity(), origin);
            created.ifPresent(sent::add);
        }
        return sent;
    }

    /** Sends delayed invitations that fell due; each claimed by one node with a conditional update. */
    int sendDeferred(Instant now) {
        String claim = Ids.newId();
        int claimed = tx.inTransaction(em -> em.createQuery("UPDATE DeferredInvitationEntity d SET d.claim = :claim"
                + " WHERE d.claim IS NULL AND d.dueAt <= :now").setParameter("claim", claim).setParameter("now", now).executeUpdate());
        if (claimed == 0) {
            return 0;
        }
        int sent = 0;
        for (DeferredInvitationEntity d : tx.read(em -> em.createQuery("SELECT d FROM DeferredInvitationEntity d WHERE d.claim = :claim",
                DeferredInvitationEntity.class).setParameter("claim", claim).getResultList())) {
            sent += inviteOnce(d.surveyId(), d.customerId(), d.ticketId(), d.channel(), d.ticketCategory(), d.ticketNegativity(),
                    d.originKey()).isPresent() ? 1 : 0;
        }
        return sent;
    }

    private Optional<Invitation> inviteOnce(String surveyId, String customerId, String ticketId, InvitationChannel channel,
            String category, Integer negativity, String origin) {
        Optional<Invitation> created = tx.inTransaction(em -> {
            if (em.createQuery("SELECT COUNT(i) FROM InvitationEntity i WHERE i.originKey = :o", Long.class)
                    .setParameter("o", origin).getSingleResult() > 0) {
                return Optional.<Invitation>empty();
            }
            SurveyEntity survey = em.find(SurveyEntity.class, surveyId);
            if (survey == null || !survey.active()) {
                return Optional.<Invitation>empty();
            }
            return Optional.of(persistInvitation(em, survey, customerId, ticketId, channel, category, negativity, origin));
        });
        created.ifPresent(this::postInvited);
        return created;
    }

    static InvitationChannel channelFor(String ticketChannel, SurveyPolicy policy) {
        if (ticketChannel == null) {
            return policy.defaultChannel();
        }
        return switch (ticketChannel) {
            case "EMAIL" -> InvitationChannel.EMAIL;
            case "CHAT", "SOCIAL" -> InvitationChannel.CHAT;
            default -> policy.defaultChannel();
        };
    }

    /**
     * The customer was erased: their unanswered invitations expire now, invitations waiting to be
     * sent are dropped, and their free-text answers become {@code marker} (scores stay for the
     * reports). Returns how many answers they had; a redelivered erasure changes nothing more.
     */
    int forgetCustomer(String customerId, String marker) {
        return tx.inTransaction(em -> {
            Instant now = now();
            // An invitation is valid through expiresAt, so "expired now" is a millisecond before.
            em.createQuery("UPDATE InvitationEntity i SET i.expiresAt = :expired"
                    + " WHERE i.customerId = :customer AND i.status = :sent AND i.expiresAt >= :now")
                    .setParameter("expired", now.minusMillis(1)).setParameter("now", now).setParameter("customer", customerId)
                    .setParameter("sent", InvitationStatus.SENT).executeUpdate();
            em.createQuery("DELETE FROM DeferredInvitationEntity d WHERE d.customerId = :customer")
                    .setParameter("customer", customerId).executeUpdate();
            List<AnswerEntity> answers = em.createQuery("SELECT a FROM AnswerEntity a WHERE a.customerId = :customer",
                    AnswerEntity.class).setParameter("customer", customerId).getResultList();
            for (AnswerEntity answer : answers) {
                Set<String> textKeys = new HashSet<>();
                for (ScoreEntity text : em.createQuery("SELECT s FROM ScoreEntity s WHERE s.answerId = :answer AND s.questionType = :text",
                        ScoreEntity.class).setParameter("answer", answer.id()).setParameter("text", QuestionType.TEXT).getResultList()) {
                    text.redact(marker);
                    textKeys.add(text.questionKey());
                }
                answer.redact(textKeys, marker);
            }
            return answers.size();
        });
    }

    /** The customer's latest answers, newest first, for the timeline. */
    List<SurveyAnswer> recentAnswersOfCustomer(String customerId, int limit) {
        return tx.read(em -> em.createQuery("SELECT a FROM AnswerEntity a WHERE a.customerId = :c ORDER BY a.respondedAt DESC",
                AnswerEntity.class).setParameter("c", customerId).setMaxResults(limit).getResultStream()
                .map(a -> new SurveyAnswer(a.id(), a.invitationId(), a.surveyId(), a.revision(), a.customerId(), a.ticketId(),
                        Questions.answersOf(a.answersJson()), a.respondedAt())).toList());
    }

    // ---- helpers ----

    private Invitation persistInvitation(EntityManager em, SurveyEntity survey, String customerId, String ticketId,
            InvitationChannel channel, String category, Integer negativity, String origin) {
        Instant now = now();
        Instant expires = now.atZone(java.time.ZoneOffset.UTC).plus(settings.policy().invitationValidity()).toInstant();
        InvitationEntity invitation = new InvitationEntity(Ids.newId(), survey.id(), survey.revision(), customerId, ticketId,
                channel, newToken(), now, expires, category, negativity, origin);
        em.persist(invitation);
        em.flush();
        return invitation.toDto(now);
    }

    /** 256 bits from a secure random, URL-safe: guessing one is hopeless, and the rate limit makes trying slow. */
    static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static InvitationEntity byToken(EntityManager em, String token, LockModeType lock) {
        if (token == null || token.isBlank() || token.length() > 64) {
            throw new NotFoundException("Survey invitation", "(token)");
        }
        return em.createQuery("SELECT i FROM InvitationEntity i WHERE i.token = :t", InvitationEntity.class)
                .setParameter("t", token).setLockMode(lock).getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("Survey invitation", "(token)"));
    }

    private static InvitationEntity usable(InvitationEntity invitation, Instant now) {
        switch (invitation.status(now)) {
            case RESPONDED -> throw new ConflictException("This survey has already been answered");
            case EXPIRED -> throw new GoneException("This survey invitation expired at " + invitation.expiresAt());
            default -> {
                return invitation;
            }
        }
    }

    private static List<Question> questions(EntityManager em, String surveyId, int revision) {
        return Questions.questionsOf(em.find(SurveyRevisionEntity.class, SurveyRevisionEntity.key(surveyId, revision)).questionsJson());
    }

    private static Survey toDto(SurveyEntity s, List<Question> questions) {
        return new Survey(s.id(), s.name(), s.trigger(), s.active(), questions, s.revision(), s.createdAt(), s.updatedAt(), s.version());
    }

    private Customer liveCustomer(String customerId) {
        return LiveCustomers.require(customers, customerId, "invitations cannot be sent");
    }

    private Ticket ticketOf(String ticketId, String customerId) {
        return CustomerTickets.requireOf(tickets, ticketId, customerId);
    }

    private void postInvited(Invitation invitation) {
        Map<String, Object> props = base(invitation.id(), invitation.surveyId(), invitation.customerId(), invitation.ticketId());
        props.put(SurveyEvents.TOKEN, invitation.token());
        props.put(SurveyEvents.CHANNEL, invitation.channel().name());
        events.postEvent(new Event(SurveyEvents.INVITED, props));
    }

    /** RESPONDED always; DISSATISFIED when any CSAT is at most 2 or any NPS at most 6 (the lowest such score). */
    private void postAnswered(SurveyAnswer answer, List<Question> questions) {
        Map<String, Object> props = base(answer.invitationId(), answer.surveyId(), answer.customerId(), answer.ticketId());
        Integer worstCsat = null;
        Integer worstNps = null;
        for (Question q : questions) {
            if (answer.answers().get(q.key()) instanceof Integer value) {
                if (q.type() == QuestionType.CSAT) {
                    props.putIfAbsent(SurveyEvents.CSAT, value);
                    worstCsat = worstCsat == null ? value : Math.min(worstCsat, value);
                } else if (q.type() == QuestionType.NPS) {
                    props.putIfAbsent(SurveyEvents.NPS, value);
                    worstNps = worstNps == null ? value : Math.min(worstNps, value);
                }
            }
        }
        events.postEvent(new Event(SurveyEvents.RESPONDED, props));
        Map<String, Object> dissatisfied = base(answer.invitationId(), answer.surveyId(), answer.customerId(), answer.ticketId());
        if (worstCsat != null && Scoring.csatDissatisfied(worstCsat)) {
            dissatisfied.put(SurveyEvents.SCORE_KIND, "CSAT");
            dissatisfied.put(SurveyEvents.SCORE, worstCsat);
        } else if (worstNps != null && Scoring.npsDetractor(worstNps)) {
            dissatisfied.put(SurveyEvents.SCORE_KIND, "NPS");
            dissatisfied.put(SurveyEvents.SCORE, worstNps);
        } else {
            return;
        }
        events.postEvent(new Event(SurveyEvents.DISSATISFIED, dissatisfied));
    }

    private static Map<String, Object> base(String invitationId, String surveyId, String customerId, String ticketId) {
        Map<String, Object> props = new HashMap<>();
        props.put(SurveyEvents.INVITATION_ID, invitationId);
        props.put(SurveyEvents.SURVEY_ID, surveyId);
        props.put(SurveyEvents.CUSTOMER_ID, customerId);
        if (ticketId != null) {
            props.put(SurveyEvents.TICKET_ID, ticketId);
        }
        return props;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
