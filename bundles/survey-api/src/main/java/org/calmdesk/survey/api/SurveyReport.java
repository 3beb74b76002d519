package org.calmdesk.survey.api;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /surveys/{id}/report}: invitations sent in {@code [from, to)} and their answers.
 * CSAT {@code satisfiedPct} is the share of 4 and 5; NPS {@code score} is %promoters (9-10) minus
 * %detractors (0-6). {@code emotionShift} compares the negativity a ticket opened with to the
 * score its customer gave afterwards, by negativity band.
 */
public record SurveyReport(String surveyId, Instant from, Instant to, long invited, long responded, double responseRate,
        Csat csat, Nps nps, List<CategoryBreakdown> byCategory, List<TextAnswer> freeText, List<EmotionBand> emotionShift) {

    public record Csat(long answers, Double average, Double satisfiedPct) {
    }

    public record Nps(long answers, Double score, long promoters, long passives, long detractors) {
    }

    public record CategoryBreakdown(String category, long responded, Double csatAverage, Double npsScore) {
    }

    public record TextAnswer(String key, String text, Instant at, String ticketId) {
    }

    /** Tickets that opened with negativity in {@code [minNegativity, maxNegativity]} and what their customers answered. */
    public record EmotionBand(String band, int minNegativity, int maxNegativity, long responded, Double averageOpeningNegativity,
            Double csatAverage, Double npsScore) {
    }
}
