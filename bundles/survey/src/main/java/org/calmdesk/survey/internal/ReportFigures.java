package org.calmdesk.survey.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.calmdesk.survey.api.QuestionType;
import org.calmdesk.survey.api.SurveyReport;

/**
 * The sums a survey report is made of, grouped as finely as the report needs and no finer: scores
 * by ticket category, question type and opening-negativity band; answers by category and band;
 * invitations and responses. Sums add up, so the figures of a window are those of its pieces
 * added: rows of the day roll-ups ({@link ReportDays}) and grouped rows of the raw tables alike.
 */
final class ReportFigures {

    /** Opening-negativity bands of the emotion shift: calm, tense, heated. The day roll-ups store the band (see ReportDays). */
    static final int[][] BANDS = { { 0, 39 }, { 40, 69 }, { 70, 100 } };
    private static final String[] BAND_NAMES = { "LOW", "MEDIUM", "HIGH" };
    /** The band of a ticket without an opening negativity. */
    static final int NO_BAND = -1;
    private static final String NONE = "NONE";

    /** A group of scores: category (null: no ticket), CSAT or NPS, band. */
    record ScoreGroup(String category, QuestionType type, int band) {
    }

    /** A group of answers: category (null: no ticket), band. */
    record AnswerGroup(String category, int band) {
    }

    /** Sums of one group of scores: answers, values, satisfied (4-5), promoters (9-10), detractors (0-6). */
    static final class Tally {
        long answers;
        long sum;
        long satisfied;
        long promoters;
        long detractors;

        void add(long answers, long sum, long satisfied, long promoters, long detractors) {
            this.answers += answers;
            this.sum += sum;
            this.satisfied += satisfied;
            this.promoters += promoters;
            this.detractors += detractors;
        }

        void add(Tally other) {
            add(other.answers, other.sum, other.satisfied, other.promoters, other.detractors);
        }

        Double average() {
            return answers == 0 ? null : Scoring.round1((double) sum / answers);
        }

        SurveyReport.Csat csat() {
            return new SurveyReport.Csat(answers, average(), Scoring.percent(satisfied, answers));
        }

        SurveyReport.Nps nps() {
            long passives = answers - promoters - detractors;
            return new SurveyReport.Nps(answers, Scoring.npsScore(promoters, passives, detractors), promoters, passives, detractors);
        }
    }

    /** Sums of one group of answers: how many, and their opening negativities added up. */
    static final class AnswerSums {
        long answers;
        long negativitySum;
    }

    long invited;
    long responded;
    final Map<ScoreGroup, Tally> scores = new LinkedHashMap<>();
    final Map<AnswerGroup, AnswerSums> answers = new LinkedHashMap<>();

    void addInvitations(long invited, long responded) {
        this.invited += invited;
        this.responded += responded;
    }

    void addScores(ScoreGroup group, long answers, long sum, long satisfied, long promoters, long detractors) {
        scores.computeIfAbsent(group, g -> new Tally()).add(answers, sum, satisfied, promoters, detractors);
    }

    void addAnswers(AnswerGroup group, long count, long negativitySum) {
        AnswerSums sums = answers.computeIfAbsent(group, g -> new AnswerSums());
        sums.answers += count;
        sums.negativitySum += negativitySum;
    }

    boolean isEmpty() {
        return invited == 0 && responded == 0 && scores.isEmpty() && answers.isEmpty();
    }

    static int band(Integer negativity) {
        if (negativity == null) {
            return NO_BAND;
        }
        for (int b = 0; b < BANDS.length; b++) {
            if (negativity >= BANDS[b][0] && negativity <= BANDS[b][1]) {
                return b;
            }
        }
        return NO_BAND;
    }

    SurveyReport report(String surveyId, Instant from, Instant to, List<SurveyReport.TextAnswer> freeText) {
        Tally csat = new Tally();
        Tally nps = new Tally();
        Map<String, Tally[]> byCategory = new TreeMap<>();
        Tally[][] byBand = new Tally[BANDS.length][];
        for (int b = 0; b < BANDS.length; b++) {
            byBand[b] = new Tally[] { new Tally(), new Tally() };
        }
        scores.forEach((group, tally) -> {
            int type = group.type() == QuestionType.CSAT ? 0 : 1;
            (type == 0 ? csat : nps).add(tally);
            byCategory.computeIfAbsent(categoryName(group.category()), c -> new Tally[] { new Tally(), new Tally() })[type].add(tally);
            if (group.band() != NO_BAND) {
                byBand[group.band()][type].add(tally);
            }
        });

        Map<String, Long> answersByCategory = new TreeMap<>();
        long[] answersByBand = new long[BANDS.length];
        long[] negativityByBand = new long[BANDS.length];
        answers.forEach((group, sums) -> {
            answersByCategory.merge(categoryName(group.category()), sums.answers, Long::sum);
            if (group.band() != NO_BAND) {
                answersByBand[group.band()] += sums.answers;
                negativityByBand[group.band()] += sums.negativitySum;
            }
        });

        List<SurveyReport.CategoryBreakdown> categories = new ArrayList<>();
        answersByCategory.forEach((category, count) -> {
            Tally[] tallies = byCategory.getOrDefault(category, new Tally[] { new Tally(), new Tally() });
            categories.add(new SurveyReport.CategoryBreakdown(category, count, tallies[0].average(), tallies[1].nps().score()));
        });
        List<SurveyReport.EmotionBand> bands = new ArrayList<>();
        for (int b = 0; b < BANDS.length; b++) {
            bands.add(new SurveyReport.EmotionBand(BAND_NAMES[b], BANDS[b][0], BANDS[b][1], answersByBand[b],
                    answersByBand[b] == 0 ? null : Scoring.round1((double) negativityByBand[b] / answersByBand[b]),
                    byBand[b][0].average(), byBand[b][1].nps().score()));
        }
        return new SurveyReport(surveyId, from, to, invited, responded,
                invited == 0 ? 0.0 : Math.round(1000.0 * responded / invited) / 1000.0, csat.csat(), nps.nps(), categories,
                freeText, bands);
    }

    private static String categoryName(String category) {
        return category == null ? NONE : category;
    }
}
