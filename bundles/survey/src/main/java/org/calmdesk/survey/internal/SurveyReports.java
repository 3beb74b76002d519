package org.calmdesk.survey.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import org.calmdesk.core.persistence.Transactions;
import org.calmdesk.survey.api.InvitationStatus;
import org.calmdesk.survey.api.QuestionType;
import org.calmdesk.survey.api.SurveyReport;

/**
 * The survey report as aggregate queries in the database: counts, averages and sums of
 * conditions over the score rows, never every answer loaded into memory. Invitations count by
 * when they were sent; scores by when they were given.
 */
final class SurveyReports {

    static final int MAX_TEXT_ANSWERS = 100;
    /** Opening-negativity bands of the emotion shift: calm, tense, heated. */
    private static final int[][] BANDS = { { 0, 39 }, { 40, 69 }, { 70, 100 } };
    private static final String[] BAND_NAMES = { "LOW", "MEDIUM", "HIGH" };
    private static final String SCORE_STATS = "COUNT(s), AVG(s.value), SUM(CASE WHEN s.value >= 4 THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN s.value >= 9 THEN 1 ELSE 0 END), SUM(CASE WHEN s.value <= 6 THEN 1 ELSE 0 END)";
    private static final String WINDOW = " s.surveyId = :survey AND s.respondedAt >= :from AND s.respondedAt < :to";

    private final Transactions tx;

    SurveyReports(Transactions tx) {
        this.tx = tx;
    }

    SurveyReport report(String surveyId, Instant from, Instant to) {
        return tx.read(em -> {
            long invited = em.createQuery("SELECT COUNT(i) FROM InvitationEntity i WHERE i.surveyId = :survey"
                    + " AND i.sentAt >= :from AND i.sentAt < :to", Long.class)
                    .setParameter("survey", surveyId).setParameter("from", from).setParameter("to", to).getSingleResult();
            long responded = em.createQuery("SELECT COUNT(i) FROM InvitationEntity i WHERE i.surveyId = :survey"
                    + " AND i.sentAt >= :from AND i.sentAt < :to AND i.status = :responded", Long.class)
                    .setParameter("survey", surveyId).setParameter("from", from).setParameter("to", to)
                    .setParameter("responded", InvitationStatus.RESPONDED).getSingleResult();
            Object[] csat = scores(em, "", QuestionType.CSAT, surveyId, from, to).get(0);
            Object[] nps = scores(em, "", QuestionType.NPS, surveyId, from, to).get(0);
            return new SurveyReport(surveyId, from, to, invited, responded, invited == 0 ? 0.0 : Scoring.round1(100.0 * responded / invited) / 100.0,
                    csat(csat), nps(nps), byCategory(em, surveyId, from, to), freeText(em, surveyId, from, to),
                    emotionShift(em, surveyId, from, to));
        });
    }

    private static List<Object[]> scores(EntityManager em, String extraWhere, QuestionType type, String surveyId, Instant from,
            Instant to, Object... params) {
        TypedQuery<Object[]> query = em.createQuery("SELECT " + SCORE_STATS + ", AVG(s.ticketNegativity) FROM ScoreEntity s WHERE"
                + WINDOW + " AND s.questionType = :type" + extraWhere, Object[].class)
                .setParameter("survey", surveyId).setParameter("from", from).setParameter("to", to).setParameter("type", type);
        for (int i = 0; i + 1 < params.length; i += 2) {
            query.setParameter((String) params[i], params[i + 1]);
        }
        return query.getResultList();
    }

    private static SurveyReport.Csat csat(Object[] row) {
        long answers = number(row[0]);
        return new SurveyReport.Csat(answers, Scoring.round1(average(row[1])), Scoring.percent(number(row[2]), answers));
    }

    private static SurveyReport.Nps nps(Object[] row) {
        long answers = number(row[0]);
        long promoters = number(row[3]);
        long detractors = number(row[4]);
        long passives = answers - promoters - detractors;
        return new SurveyReport.Nps(answers, Scoring.npsScore(promoters, passives, detractors), promoters, passives, detractors);
    }

    private static List<SurveyReport.CategoryBreakdown> byCategory(EntityManager em, String surveyId, Instant from, Instant to) {
        Map<String, Long> responded = new TreeMap<>();
        for (Object[] row : em.createQuery("SELECT s.ticketCategory, COUNT(DISTINCT s.answerId) FROM ScoreEntity s WHERE" + WINDOW
                + " GROUP BY s.ticketCategory", Object[].class).setParameter("survey", surveyId).setParameter("from", from)
                .setParameter("to", to).getResultList()) {
            responded.put(row[0] == null ? "NONE" : (String) row[0], number(row[1]));
        }
        Map<String, Double> csatAverage = new TreeMap<>();
        Map<String, Double> npsScore = new TreeMap<>();
        for (Object[] row : em.createQuery("SELECT s.ticketCategory, s.questionType, " + SCORE_STATS + " FROM ScoreEntity s WHERE"
                + WINDOW + " AND s.questionType IN :types GROUP BY s.ticketCategory, s.questionType", Object[].class)
                .setParameter("survey", surveyId).setParameter("from", from).setParameter("to", to)
                .setParameter("types", List.of(QuestionType.CSAT, QuestionType.NPS)).getResultList()) {
            String category = row[0] == null ? "NONE" : (String) row[0];
            Object[] stats = java.util.Arrays.copyOfRange(row, 2, row.length);
            if (row[1] == QuestionType.CSAT) {
                csatAverage.put(category, csat(stats).average());
            } else {
                npsScore.put(category, nps(stats).score());
            }
        }
        List<SurveyReport.CategoryBreakdown> breakdown = new ArrayList<>();
        responded.forEach((category, count) -> breakdown.add(new SurveyReport.CategoryBreakdown(category, count,
                csatAverage.get(category), npsScore.get(category))));
        return breakdown;
    }

    private static List<SurveyReport.TextAnswer> freeText(EntityManager em, String surveyId, Instant from, Instant to) {
        return em.createQuery("SELECT s FROM ScoreEntity s WHERE" + WINDOW + " AND s.questionType = :type ORDER BY s.respondedAt DESC",
                ScoreEntity.class).setParameter("survey", surveyId).setParameter("from", from).setParameter("to", to)
                .setParameter("type", QuestionType.TEXT).setMaxResults(MAX_TEXT_ANSWERS).getResultStream()
                .map(s -> new SurveyReport.TextAnswer(s.questionKey(), s.text(), s.respondedAt(), s.ticketId())).toList();
    }

    private static List<SurveyReport.EmotionBand> emotionShift(EntityManager em, String surveyId, Instant from, Instant to) {
        List<SurveyReport.EmotionBand> bands = new ArrayList<>();
        for (int b = 0; b < BANDS.length; b++) {
            String band = " AND s.ticketNegativity >= :low AND s.ticketNegativity <= :high";
            Object[] csat = scores(em, band, QuestionType.CSAT, surveyId, from, to, "low", BANDS[b][0], "high", BANDS[b][1]).get(0);
            Object[] nps = scores(em, band, QuestionType.NPS, surveyId, from, to, "low", BANDS[b][0], "high", BANDS[b][1]).get(0);
            long responded = em.createQuery("SELECT COUNT(DISTINCT s.answerId) FROM ScoreEntity s WHERE" + WINDOW + band, Long.class)
                    .setParameter("survey", surveyId).setParameter("from", from).setParameter("to", to)
                    .setParameter("low", BANDS[b][0]).setParameter("high", BANDS[b][1]).getSingleResult();
            Double negativity = average(csat[5]) != null ? average(csat[5]) : average(nps[5]);
            bands.add(new SurveyReport.EmotionBand(BAND_NAMES[b], BANDS[b][0], BANDS[b][1], responded, Scoring.round1(negativity),
                    csat(csat).average(), nps(nps).score()));
        }
        return bands;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Double average(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
