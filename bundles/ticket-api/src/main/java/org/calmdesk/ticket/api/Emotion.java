package org.calmdesk.ticket.api;

import java.util.List;

import org.calmdesk.core.EmotionLabel;

/**
 * The customer's emotion when the ticket was opened.
 *
 * @param negativity 0-100 as the analyzer measured it; null when an agent named the emotion
 * @param signals    escalation signals the analyzer found ({@code REGULATOR_THREAT}, ...); empty otherwise
 */
public record Emotion(EmotionLabel label, double intensity, EmotionSource source, Integer negativity, List<String> signals) {

    public Emotion {
        signals = signals == null ? List.of() : List.copyOf(signals);
    }
}
