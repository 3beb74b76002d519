package org.calmdesk.emotion.api;

import java.util.Set;

import org.calmdesk.core.EmotionLabel;

/**
 * The result of one analysis.
 *
 * @param label      the dominant emotion
 * @param intensity  how strong it is, 0.0-1.0
 * @param negativity how negative the text is overall, 0-100
 * @param signals    escalation signals found in the text
 * @param analyzer   the implementation's name, e.g. {@code lexicon-1}
 */
public record EmotionAnalysis(EmotionLabel label, double intensity, int negativity, Set<Signal> signals, String analyzer) {

    public EmotionAnalysis {
        if (label == null) {
            throw new IllegalArgumentException("label is required");
        }
        if (intensity < 0.0 || intensity > 1.0) {
            throw new IllegalArgumentException("intensity must be between 0.0 and 1.0");
        }
        if (negativity < 0 || negativity > 100) {
            throw new IllegalArgumentException("negativity must be between 0 and 100");
        }
        signals = signals == null ? Set.of() : Set.copyOf(signals);
    }
}
