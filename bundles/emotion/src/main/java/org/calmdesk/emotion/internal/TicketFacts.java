package org.calmdesk.emotion.internal;

import java.time.Instant;
import java.util.Set;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.emotion.api.Signal;
import org.calmdesk.ticket.api.events.TicketEvent;

/** What a ticket event says about the ticket's emotion. */
record TicketFacts(String ticketId, String customerId, String assignee, EmotionLabel label, double intensity, int negativity,
        Set<String> signals, Instant at) {

    boolean abusive() {
        return signals.contains(Signal.ABUSE.name());
    }

    boolean hostile(int hostileNegativity) {
        return abusive() || negativity >= hostileNegativity;
    }

    boolean highIntensity(double threshold) {
        return label.isNegative() && intensity >= threshold;
    }

    /** Reads what any ticket event says; null when it lacks the ticket or customer id. */
    static TicketFacts of(TicketEvent ticket, Instant at) {
        if (ticket.ticketId() == null || ticket.customerId() == null) {
            return null;
        }
        EmotionLabel label = EmotionLabel.NEUTRAL;
        try {
            if (ticket.emotionLabel() != null) {
                label = EmotionLabel.valueOf(ticket.emotionLabel());
            }
        } catch (IllegalArgumentException e) {
            // an unknown label reads as neutral
        }
        double intensity = clamp(ticket.emotionIntensity());
        int score = ticket.negativity() != null ? Math.max(0, Math.min(100, ticket.negativity()))
                : derivedNegativity(label, intensity);
        Set<String> names = ticket.signals() == null ? Set.of() : Set.copyOf(ticket.signals());
        String assignee = ticket.assignee();
        return new TicketFacts(ticket.ticketId(), ticket.customerId(), assignee != null && !assignee.isBlank() ? assignee : null,
                label, intensity, score, names, at);
    }

    /** When an agent named the emotion there is no measured negativity: derive one from label and intensity. */
    static int derivedNegativity(EmotionLabel label, double intensity) {
        if (label.isNegative()) {
            return (int) Math.round(50 + 40 * intensity);
        }
        return label == EmotionLabel.SATISFIED ? (int) Math.round(20 - 20 * intensity) : 25;
    }

    private static double clamp(double value) {
        return Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
    }
}
