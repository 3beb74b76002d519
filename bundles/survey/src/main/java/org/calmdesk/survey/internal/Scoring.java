package org.calmdesk.survey.internal;

/**
 * The scoring rules of the report and of "dissatisfied": CSAT is satisfied at 4-5 and dissatisfied
 * at 1-2; NPS promoters give 9-10, passives 7-8, detractors 0-6, and the score is %promoters minus
 * %detractors (-100 to 100).
 */
final class Scoring {

    private Scoring() {
    }

    static boolean csatSatisfied(int value) {
        return value >= 4;
    }

    static boolean csatDissatisfied(int value) {
        return value <= 2;
    }

    static boolean npsPromoter(int value) {
        return value >= 9;
    }

    static boolean npsDetractor(int value) {
        return value <= 6;
    }

    /** Null when there are no answers. */
    static Double npsScore(long promoters, long passives, long detractors) {
        long total = promoters + passives + detractors;
        return total == 0 ? null : round1(100.0 * (promoters - detractors) / total);
    }

    static Double percent(long part, long total) {
        return total == 0 ? null : round1(100.0 * part / total);
    }

    static Double round1(Double value) {
        return value == null ? null : Math.round(value * 10.0) / 10.0;
    }
}
