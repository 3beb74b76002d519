package org.calmdesk.survey.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.persistence.EntityManager;

import org.calmdesk.core.persistence.Transactions;
import org.calmdesk.survey.api.InvitationStatus;
import org.calmdesk.survey.api.QuestionType;
import org.calmdesk.survey.api.SurveyReport;

/**
 * The survey report as five aggregate queries in the database (counts, averages and sums of
 * conditions, grouped), never every answer loaded into memory; the small grouped results are
 * folded into the report here. Invitations count by when they were sent; answers and scores by
 * when they were given. The counts name a column of the index they read (sent_at, responded_at),
 * not the row: COUNT(x) counts the id, which no index holds, so every row was read from the table.
 */
final class SurveyReports {

    static final int MAX_TEXT_ANSWERS = 100;
    /** Opening-negativity bands of the emotion shift: calm, tense, heated. */
    private static final int[][] BANDS = { { 0, 39 }, { 40, 69 }, { 70, 100 } };
    private static final String[] BAND_NAMES = { "LOW", "MEDIUM", "HIGH" };
    private static final String NONE = "NONE";

    private final Transactions tx;

    SurveyReports(Transactions tx) {
        this.tx = tx;
    }

    /** Running sums of one group of scores: answers, sum of values, satisfied (4-5), promoters (9-10), detractors (0-6), sum of negativity. */
    static final class Tally {
        long answers;
        double sum;
        long satisfied;
        long promoters;
        long detractors;
        double negativitySum;
        long withNegativity;

        void add(Object[] row, int at) {
            long n = number(row[at]);
            answers += n;
            sum += row[at + 1] == null ? 0 : ((Number) row[at + 1]).doubleValue();
            satisfied += number(row[at + 2]);
            promoters += number(row[at + 3]);
            detractors += number(row[at + 4]);
        }

        Double average() {
            return answers == 0 ? null : Scoring.round1(sum / answers);
        }

        SurveyReport.Csat csat() {
            return new SurveyReport.Csat(answers, average(), Scoring.percent(satisfied, answers));
        }

        SurveyReport.Nps nps() {
            long passives = answers - promoters - detractors;
            return new SurveyReport.Nps(answers, Scoring.npsScore(promoters, passives, detractors), promoters, passives, detractors);
        }
    }

    SurveyReport report(String surveyId, Instant from, Instant to) {
        return tx.read(em -> {
            Object[] invitations = em.createQuery("SELECT COUNT(i.sentAt), SUM(CASE WHEN i.status = :responded THEN 1 ELSE 0 END)"
                    + " FROM InvitationEntity i WHERE i.surveyId = :survey AND i.sentAt >= :from AND i.sentAt < :to", Object[].class)
                    .setParameter("survey", surveyId).setParameter("from", from).setParameter("to", to)
                    .setParameter("responded", InvitationStatus.RESPONDED).getSingleResult();
            long invited = number(invitations[0]);
            long responded = number(invitations[1]);

            // Scores grouped by category, type and opening negativity (at most 8 x 2 x 102 small groups).
            Tally csat = new Tally();
            Tally nps = new Tally();
            Map<String, Tally[]> byCategory = new TreeMap<>();
            Tally[][] byBand = new Tally[BANDS.length][];
            for (int b = 0; b < BANDS.length; b++) {
                byBand[b] = new Tally[] { new Tally(), new Tally() };
            }
            for (Object[] row : em.createQuery("SELECT s.ticketCategory, s.questionType, s.ticketNegativity, COUNT(s.respondedAt),"
                    + " SUM(s.value), SUM(CASE WHEN s.value >= 4 THEN 1 ELSE 0 END), SUM(CASE WHEN s.value >= 9 THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN s.value <= 6 THEN 1 ELSE 0 END) FROM ScoreEntity s WHERE s.surveyId = :survey"
                    + " AND s.questionType IN :types AND s.respondedAt >= :from AND s.respondedAt < :to"
                    + " GROUP BY s.ticketCategory, s.questionType, s.ticketNegativity", Object[].class)
                    .setParameter("survey", surveyId).setParameter("types", List.of(QuestionType.CSAT, QuestionType.NPS))
                    .setParameter("from", from).setParameter("to", to).getResultList()) {
                int type = row[1] == QuestionType.CSAT ? 0 : 1;
                (type == 0 ? csat : nps).add(row, 3);
                byCategory.computeIfAbsent(row[0] == null ? NONE : (String) row[0], c -> new Tally[] { new Tally(), new Tally() })[type]
                        .add(row, 3);
                int band = band(row[2]);
                if (band >= 0) {
                    Tally tally = byBand[band][type];
                    tally.add(row, 3);
                    tally.negativitySum += ((Number) row[2]).doubleValue() * number(row[3]);
                    tally.withNegativity += number(row[3]);
                }
            }

            // Answers (not scores) per category and per opening negativity.
            Map<String, Long> answersByCategory = new TreeMap<>();
            long[] answersByBand = new long[BANDS.length];
            double[] negativityByBand = new double[BANDS.length];
            for (Object[] row : em.createQuery("SELECT a.ticketCategory, a.ticketNegativity, COUNT(a.respondedAt) FROM AnswerEntity a"
                    + " WHERE a.surveyId = :survey AND a.respondedAt >= :from AND a.respondedAt < :to"
                    + " GROUP BY a.ticketCategory, a.ticketNegativity", Object[].class)
                    .setParameter("survey", surveyId).setParameter("from", from).setParameter("to", to).getResultList()) {
                long count = number(row[2]);
                answersByCategory.merge(row[0] == null ? NONE : (String) row[0], count, Long::sum);
                int band = band(row[1]);
                if (band >= 0) {
                    answersByBand[band] += count;
                    negativityByBand[band] += ((Number) row[1]).doubleValue() * count;
                }
            }

            List<SurveyReport.CategoryBreakdown> categories = new ArrayList<>();
            answersByCategory.forEach((category, count) -> {
                Tally[] tallies = byCategory.getOrDefault(category, new Tally[] { new Tally(), new Tally() });
                categories.add(new SurveyReport.CategoryBreakdown(category, count, tallies[0].average(), tallies[1].nps().score()));
            });
            List<SurveyReport.EmotionBand> bands = new ArrayList<>();
            for (int b = 0; b < BANDS.length; b++) {
                bands.add(new SurveyReport.EmotionBand(BAND_NAMES[b], BANDS[b][0], BANDS[b][1], answersByBand[b],
                        answersByBand[b] == 0 ? null : Scoring.round1(negativityByBand[b] / answersByBand[b]),
                        byBand[b][0].average(), byBand[b][1].nps().score()));
            }
            return new SurveyReport(surveyId, from, to, invited, responded,
                    invited == 0 ? 0.0 : Math.round(1000.0 * responded / invited) / 1000.0, csat.csat(), nps.nps(), categories,
                    freeText(em, surveyId, from, to), bands);
        });
    }

    private static int band(Object negativity) {
        if (negativity == null) {
            return -1;
        }
        int value = ((Number) negativity).intValue();
        for (int b = 0; b < BANDS.length; b++) {
            if (value >= BANDS[b][0] && value <= BANDS[b][1]) {
                return b;
            }
        }
        return -1;
    }

    private static List<SurveyReport.TextAnswer> freeText(EntityManager em, String surveyId, Instant from, Instant to) {
        return em.createQuery("SELECT s FROM ScoreEntity s WHERE s.surveyId = :survey AND s.questionType = :type"
                + " AND s.respondedAt >= :from AND s.respondedAt < :to ORDER BY s.respondedAt DESC", ScoreEntity.class)
                .setParameter("survey", surveyId).setParameter("from", from).setParameter("to", to)
                .setParameter("type", QuestionType.TEXT).setMaxResults(MAX_TEXT_ANSWERS).getResultStream()
                .map(s -> new SurveyReport.TextAnswer(s.questionKey(), s.text(), s.respondedAt(), s.ticketId())).toList();
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
