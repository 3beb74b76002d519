package org.calmdesk.survey.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScoringTest {

    @ParameterizedTest(name = "CSAT {0}: satisfied {1}, dissatisfied {2}")
    @CsvSource({ "1, false, true", "2, false, true", "3, false, false", "4, true, false", "5, true, false" })
    void csatBands(int value, boolean satisfied, boolean dissatisfied) {
        assertEquals(satisfied, Scoring.csatSatisfied(value));
        assertEquals(dissatisfied, Scoring.csatDissatisfied(value));
    }

    @ParameterizedTest(name = "NPS {0}: promoter {1}, detractor {2}")
    @CsvSource({ "0, false, true", "6, false, true", "7, false, false", "8, false, false", "9, true, false", "10, true, false" })
    void npsBands(int value, boolean promoter, boolean detractor) {
        assertEquals(promoter, Scoring.npsPromoter(value));
        assertEquals(detractor, Scoring.npsDetractor(value));
    }

    @ParameterizedTest(name = "{0} promoters, {1} passives, {2} detractors = {3}")
    @CsvSource({ "10, 0, 0, 100.0", "0, 0, 10, -100.0", "0, 10, 0, 0.0", "5, 3, 2, 30.0", "1, 1, 1, 0.0", "2, 0, 1, 33.3",
            "1, 0, 2, -33.3" })
    void npsScoreIsPromotersMinusDetractorsInPercent(long promoters, long passives, long detractors, double score) {
        assertEquals(score, Scoring.npsScore(promoters, passives, detractors));
    }

    @Test
    void noAnswersMeanNoScore() {
        assertNull(Scoring.npsScore(0, 0, 0));
        assertNull(Scoring.percent(0, 0));
        assertEquals(66.7, Scoring.percent(2, 3));
    }
}
