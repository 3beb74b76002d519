package org.calmdesk.survey.internal;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;

import org.calmdesk.core.Ids;
import org.calmdesk.core.error.ConflictException;
import org.calmdesk.core.error.GoneException;
import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.core.paging.Cursor;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.persistence.QueryBuilder;
import org.calmdesk.core.persistence.QueryBuilder.SortKey;
import org.calmdesk.core.persistence.Transactions;
import org.calmdesk.survey.api.Invitation;
import org.calmdesk.survey.api.InvitationChannel;
import org.calmdesk.survey.api.InvitationQuery;
import org.calmdesk.survey.api.InvitationStatus;
import org.calmdesk.survey.api.Question;
import org.calmdesk.survey.api.QuestionType;
import org.calmdesk.survey.api.SurveyAnswer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The invitations, the delayed ones and the answers in the {@code calmdesk.survey} unit: every
 * query and transaction about them. Invitations from events are created once per origin key and
 * delayed ones are claimed with a conditional update, so nodes sharing one database each do the
 * work once. Shared by the service, the ticket inviter, the delayed-invitation sender, the erasure
 * handler and the timeline contributor (a service of the bundle's internal package only).
 */
@Component(service = InvitationStore.class)
public class InvitationStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TOKEN_BYTES = 32;

    private final Transactions tx;

    @Activate
    public InvitationStore(@Reference(target = "(osgi.unit.name=calmdesk.survey)") EntityManagerFactory emf) {
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

    /** An invitation to send: to whom, about which ticket, and (for those from events) its unique origin key. */
    record NewInvitation(String surveyId, String customerId, String ticketId, InvitationChannel channel, String ticketCategory,
            Integer ticketNegativity, String originKey) {
    }

    // ---- writes ----

    /** Sends an invitation to an active template: a missing template is a 404, an inactive one a 409. */
    Invitation insert(NewInvitation invitation, Instant now, Instant expires) {
        return tx.inTransaction(em -> {
            SurveyEntity survey = em.find(SurveyEntity.class, invitation.surveyId());
            if (survey == null) {
                throw new NotFoundException("Survey", invitation.surveyId());
            }
            if (!survey.active()) {
                throw new ConflictException("Survey " + invitation.surveyId() + " is not active", Map.of("active", false));
            }
            return persist(em, survey, invitation, now, expires);
        });
    }

    /** Sends an invitation once per origin key; nothing when it was sent before or its template is gone or inactive. */
    Optional<Invitation> insertOnce(NewInvitation invitation, Instant now, Instant expires) {
        return tx.inTransaction(em -> {
            if (em.createQuery("SELECT COUNT(i) FROM InvitationEntity i WHERE i.originKey = :o", Long.class)
                    .setParameter("o", invitation.originKey()).getSingleResult() > 0) {
                return Optional.<Invitation>empty();
            }
            SurveyEntity survey = em.find(SurveyEntity.class, invitation.surveyId());
            if (survey == null || !survey.active()) {
                return Optional.<Invitation>empty();
            }
            return Optional.of(persist(em, survey, invitation, now, expires));
        });
    }

    /** Keeps an invitation to send at {@code dueAt}, once per origin key. */
    void deferOnce(NewInvitation invitation, Instant dueAt) {
        tx.run(em -> {
            if (em.createQuery("SELECT COUNT(d) FROM DeferredInvitationEntity d WHERE d.originKey = :o", Long.class)
                    .setParameter("o", invitation.originKey()).getSingleResult() == 0) {
                em.persist(new DeferredInvitationEntity(Ids.newId(), invitation.surveyId(), invitation.customerId(),
                        invitation.ticketId(), invitation.channel(), invitation.ticketCategory(), invitation.ticketNegativity(),
                        dueAt, invitation.originKey()));
            }
        });
    }

    /** Claims the delayed invitations due at {@code now} for this node (each is claimed once) and returns them. */
    List<NewInvitation> claimDeferred(Instant now) {
        String claim = Ids.newId();
        int claimed = tx.inTransaction(em -> em.createQuery("UPDATE DeferredInvitationEntity d SET d.claim = :claim"
                + " WHERE d.claim IS NULL AND d.dueAt <= :now").setParameter("claim", claim).setParameter("now", now).executeUpdate());
        if (claimed == 0) {
            return List.of();
        }
        return tx.read(em -> em.createQuery("SELECT d FROM DeferredInvitationEntity d WHERE d.claim = :claim",
                DeferredInvitationEntity.class).setParameter("claim", claim).getResultStream()
                .map(d -> new NewInvitation(d.surveyId(), d.customerId(), d.ticketId(), d.channel(), d.ticketCategory(),
                        d.ticketNegativity(), d.originKey())).toList());
    }

    /**
     * Records the answer to the invitation of {@code token}, under the invitation's row lock: a
     * second answer to one token finds it RESPONDED (409). {@code answers} are already checked
     * against {@code questions}.
     */
    SurveyAnswer answer(String token, Map<String, Object> answers, List<Question> questions, Instant now) {
        return tx.inTransaction(em -> {
            InvitationEntity invitation = usable(byToken(em, token, LockModeType.PESSIMISTIC_WRITE), now);
            AnswerEntity answer = new AnswerEntity(Ids.newId(), invitation, Questions.toJson(answers), now);
            em.persist(answer);
            for (Question q : questions) {
                Object value = answers.get(q.key());
                if (value != null) {
                    em.persist(new ScoreEntity(Ids.newId(), answer, invitation, q.key(), q.type(),
                            value instanceof Integer i ? i : null, value instanceof String s ? s : null));
                }
            }
            invitation.responded(now);
            em.flush();
            return new SurveyAnswer(answer.id(), invitation.id(), invitation.surveyId(), invitation.revision(),
                    invitation.customerId(), invitation.ticketId(), answers, now);
        });
    }

    /**
     * The customer was erased: their unanswered invitations expire now, invitations waiting to be
     * sent are dropped, and their free-text answers become {@code marker} (scores stay for the
     * reports). Returns how many answers they had; a redelivered erasure changes nothing more.
     */
    int forgetCustomer(String customerId, String marker, Instant now) {
        return tx.inTransaction(em -> {
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

    /**
     * The ticket was merged into another: its unanswered invitations expire now and those waiting to
     * be sent are dropped (answers stay). Returns how many expired now (none when run again).
     */
    int expireOfTicket(String ticketId, Instant now) {
        return tx.inTransaction(em -> {
            // An invitation is valid through expiresAt, so "expired now" is a millisecond before.
            int expired = em.createQuery("UPDATE InvitationEntity i SET i.expiresAt = :expired, i.version = i.version + 1"
                    + " WHERE i.ticketId = :ticket AND i.status = :sent AND i.expiresAt >= :now")
                    .setParameter("expired", now.minusMillis(1)).setParameter("now", now).setParameter("ticket", ticketId)
                    .setParameter("sent", InvitationStatus.SENT).executeUpdate();
            em.createQuery("DELETE FROM DeferredInvitationEntity d WHERE d.ticketId = :ticket")
                    .setParameter("ticket", ticketId).executeUpdate();
            return expired;
        });
    }

    /**
     * Moves a merged customer's invitations (sent and waiting) and answers to the customer they were
     * merged into, in one transaction; running it again moves nothing. Returns how many invitations moved.
     */
    int moveCustomer(String sourceId, String targetId) {
        return tx.inTransaction(em -> {
            int invitations = em.createQuery("UPDATE InvitationEntity i SET i.customerId = :target, i.version = i.version + 1"
                    + " WHERE i.customerId = :source").setParameter("target", targetId).setParameter("source", sourceId)
                    .executeUpdate();
            em.createQuery("UPDATE DeferredInvitationEntity d SET d.customerId = :target WHERE d.customerId = :source")
                    .setParameter("target", targetId).setParameter("source", sourceId).executeUpdate();
            em.createQuery("UPDATE AnswerEntity a SET a.customerId = :target WHERE a.customerId = :source")
                    .setParameter("target", targetId).setParameter("source", sourceId).executeUpdate();
            return invitations;
        });
    }

    // ---- reads ----

    /** The invitation of {@code token} while it can be answered: unknown is a 404, answered a 409, expired a 410. */
    Invitation usable(String token, Instant now) {
        return tx.read(em -> usable(byToken(em, token, LockModeType.NONE), now).toDto(now));
    }

    Page<Invitation> list(String surveyId, InvitationQuery query, PageRequest page, Instant now) {
        QueryBuilder jpql = QueryBuilder.select("SELECT i FROM InvitationEntity i")
                .where("i.surveyId = :survey", "survey", surveyId)
                .filter("i.customerId = :customer", "customer", query.customerId())
                .filter("i.ticketId = :ticket", "ticket", query.ticketId())
                .whereIf(query.status() == InvitationStatus.RESPONDED, "i.status = :responded",
                        "responded", InvitationStatus.RESPONDED)
                .whereIf(query.status() == InvitationStatus.SENT, "i.status = :sent AND i.expiresAt >= :now",
                        "sent", InvitationStatus.SENT, "now", now)
                .whereIf(query.status() == InvitationStatus.EXPIRED, "i.status = :sent AND i.expiresAt < :now",
                        "sent", InvitationStatus.SENT, "now", now)
                .orderBy(page, SortKey.descending("i.id"));
        return tx.read(em -> {
            if (em.find(SurveyEntity.class, surveyId) == null) {
                throw new NotFoundException("Survey", surveyId);
            }
            return jpql.page(em, InvitationEntity.class, page, i -> Cursor.of(i.id())).map(i -> i.toDto(now));
        });
    }

    /** The customer's latest answers, newest first. */
    List<SurveyAnswer> recentAnswersOfCustomer(String customerId, int limit) {
        return tx.read(em -> em.createQuery("SELECT a FROM AnswerEntity a WHERE a.customerId = :c ORDER BY a.respondedAt DESC",
                AnswerEntity.class).setParameter("c", customerId).setMaxResults(limit).getResultStream()
                .map(a -> new SurveyAnswer(a.id(), a.invitationId(), a.surveyId(), a.revision(), a.customerId(), a.ticketId(),
                        Questions.answersOf(a.answersJson()), a.respondedAt())).toList());
    }

    // ---- helpers ----

    private static Invitation persist(EntityManager em, SurveyEntity survey, NewInvitation invitation, Instant now,
            Instant expires) {
        InvitationEntity entity = new InvitationEntity(Ids.newId(), survey.id(), survey.revision(), invitation.customerId(),
                invitation.ticketId(), invitation.channel(), newToken(), now, expires, invitation.ticketCategory(),
                invitation.ticketNegativity(), invitation.originKey());
        em.persist(entity);
        em.flush();
        return entity.toDto(now);
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
}
