package org.calmdesk.emotion.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A lexicon or rule change that makes the analyzer worse on the labelled set fails the build. */
class EmotionEvaluationTest {

    private static final LexiconAnalyzer ANALYZER = new LexiconAnalyzer(Lexicons.defaults());

    @Test
    void theLabelledSetIsLargeEnoughAndBilingual() throws Exception {
        List<EmotionEvaluation.Item> all = new ArrayList<>();
        for (String set : EmotionEvaluation.SETS) {
            all.addAll(EmotionEvaluation.load(set));
        }
        assertTrue(all.size() >= 300, "only " + all.size() + " labelled texts");
        assertTrue(all.stream().filter(i -> i.language().equals("zh")).count() >= 150);
        assertTrue(all.stream().filter(i -> i.language().equals("en")).count() >= 150);
        assertTrue(all.stream().allMatch(i -> !i.source().isBlank()), "every text names its source");
    }

    @Test
    void negativeVersusPositiveStaysAboveTheFloor() throws Exception {
        List<EmotionEvaluation.Item> all = new ArrayList<>();
        for (String set : EmotionEvaluation.SETS) {
            all.addAll(EmotionEvaluation.load(set));
        }
        EmotionEvaluation.Result whole = EmotionEvaluation.evaluate("all", all, ANALYZER);
        assertTrue(whole.polarity() >= 0.90, "negative vs positive on the whole set fell to " + whole.polarity());
        assertTrue(whole.accuracy() >= 0.82, "label accuracy on the whole set fell to " + whole.accuracy());
        EmotionEvaluation.Result holdout = EmotionEvaluation.evaluate("holdout", EmotionEvaluation.load("holdout"), ANALYZER);
        // The part never tuned on is the honest figure (76.9 % when written, see README): guard it from falling.
        assertTrue(holdout.polarity() >= 0.75, "negative vs positive on the held-out part fell to " + holdout.polarity());
    }
}
