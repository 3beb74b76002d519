package org.calmdesk.survey.internal;

import java.time.Instant;
import java.util.List;

import javax.persistence.EntityManager;

import org.calmdesk.core.persistence.SealedDays;
import org.calmdesk.core.persistence.Transactions;
import org.calmdesk.survey.api.InvitationStatus;
import org.calmdesk.survey.api.QuestionType;
import org.calmdesk.survey.api.SurveyReport;

/**
 * The survey report: the whole days of its window that are sealed come from the day roll-ups
 * ({@link ReportDays}: a quarter is some 90 x 70 small rows, not a million answers), the rest
 * (the window's partial first and last days, and the days not sealed yet) from grouped queries of
 * the answers, scores and invitations themselves; the sums of both add up to the same figures.
 * Invitations count by when they were sent; answers and scores by when they were given.
 */
final class SurveyReports {

    static final int MAX_TEXT_ANSWERS = 100;

    private final Transactions tx;

    SurveyReports(Transactions tx) {
        this.tx = tx;
    }

    SurveyReport report(String surveyId, Instant from, Instant to) {
        return tx.read(em -> {
            ReportDays.Marks marks = ReportDays.marks(em);
            ReportFigures figures = new ReportFigures();
            for (SealedDays.Span span : SealedDays.split(from, to, marks.answersSealedUntil())) {
                if (span.sealed()) {
                    ReportDays.answersInto(em, figures, surveyId, span);
                } else {
                    answersInto(em, figures, surveyId, span.from(), span.to());
                }
            }
            for (SealedDays.Span span : SealedDays.split(from, to, marks.invitationsSealedUntil())) {
                if (span.sealed()) {
                    ReportDays.invitationsInto(em, figures, surveyId, span);
                } else {
                    invitationsInto(em, figures, surveyId, span.from(), span.to());
                }
            }
            return figures.report(surveyId, from, to, freeText(em, surveyId, from, to));
        });
    }

    /**
     * Invitations sent in [from, to) and how many of them were answered. The count names a column
     * of the index it reads (sent_at), not the row: COUNT(x) counts the id, which no index holds.
     */
    static void invitationsInto(EntityManager em, ReportFigures figures, String surveyId, Instant from, Instant to) {
        Object[] invitations = em.createQuery("SELECT COUNT(i.sentAt), SUM(CASE WHEN i.status = :responded THEN 1 ELSE 0 END)"
                + " FROM InvitationEntity i WHERE i.surveyId = :survey AND i.sentAt >= :from AND i.sentAt < :to", Object[].class)
                .setParameter("survey", surveyId).setParameter("from", from).setParameter("to", to)
                .setParameter("responded", InvitationStatus.RESPONDED).getSingleResult();
        figures.addInvitations(number(invitations[0]), number(invitations[1]));
    }

    /** Scores and answers given in [from, to), grouped (at most 9 categories x 2 types x 102 negativities). */
    static void answersInto(EntityManager em, ReportFigures figures, String surveyId, Instant from, Instant to) {
        for (Object[] row : em.createQuery("SELECT s.ticketCategory, s.questionType, s.ticketNegativity, COUNT(s.respondedAt),"
                + " SUM(s.value), SUM(CASE WHEN s.value >= 4 THEN 1 ELSE 0 END), SUM(CASE WHEN s.value >= 9 THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN s.value <= 6 THEN 1 ELSE 0 END) FROM ScoreEntity s WHERE s.surveyId = :survey"
                + " AND s.questionType IN :types AND s.respondedAt >= :from AND s.respondedAt < :to"
                + " GROUP BY s.ticketCategory, s.questionType, s.ticketNegativity", Object[].class)
                .setParameter("survey", surveyId).setParameter("types", List.of(QuestionType.CSAT, QuestionType.NPS))
                .setParameter("from", from).setParameter("to", to).getResultList()) {
            figures.addScores(new ReportFigures.ScoreGroup((String) row[0], (QuestionType) row[1], ReportFigures.band((Integer) row[2])),
                    number(row[3]), number(row[4]), number(row[5]), number(row[6]), number(row[7]));
        }
        for (Object[] row : em.createQuery("SELECT a.ticketCategory, a.ticketNegativity, COUNT(a.respondedAt) FROM AnswerEntity a"
                + " WHERE a.surveyId = :survey AND a.respondedAt >= :from AND a.respondedAt < :to"
                + " GROUP BY a.ticketCategory, a.ticketNegativity", Object[].class)
                .setParameter("survey", surveyId).setParameter("from", from).setParameter("to", to).getResultList()) {
            Integer negativity = (Integer) row[1];
            long count = number(row[2]);
            figures.addAnswers(new ReportFigures.AnswerGroup((String) row[0], ReportFigures.band(negativity)), count,
                    negativity == null ? 0 : negativity * count);
        }
    }

    private static List<SurveyReport.TextAnswer> freeText(EntityManager em, String surveyId, Instant from, Instant to) {
        return em.createQuery("SELECT s FROM ScoreEntity s WHERE s.surveyId = :survey AND s.questionType = :type"
                + " AND s.respondedAt >= :from AND s.respondedAt < :to ORDER BY s.respondedAt DESC", ScoreEntity.class)
                .setParameter("survey", surveyId).setParameter("from", from).setParameter("to", to)
                .setParameter("type", QuestionType.TEXT).setMaxResults(MAX_TEXT_ANSWERS).getResultStream()
                .map(s -> new SurveyReport.TextAnswer(s.questionKey(), s.text(), s.respondedAt(), s.ticketId())).toList();
    }

    static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
