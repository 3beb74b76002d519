package org.calmdesk.emotion.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.emotion.api.Signal;
import org.calmdesk.ticket.api.TicketEvents;

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

    /** Reads the documented properties of a ticket event; null when it lacks the ticket or customer id. */
    static TicketFacts of(Map<String, Object> props, Instant at) {
        Object ticketId = props.get(TicketEvents.TICKET_ID);
        Object customerId = props.get(TicketEvents.CUSTOMER_ID);
        if (!(ticketId instanceof String) || !(customerId instanceof String)) {
            return null;
        }
        EmotionLabel label = EmotionLabel.NEUTRAL;
        try {
            Object value = props.get(TicketEvents.EMOTION_LABEL);
            if (value != null) {
                label = EmotionLabel.valueOf(value.toString());
            }
        } catch (IllegalArgumentException e) {
            // an unknown label reads as neutral
        }
        double intensity = props.get(TicketEvents.EMOTION_INTENSITY) instanceof Number n ? clamp(n.doubleValue()) : 0.0;
        Object negativity = props.get(TicketEvents.NEGATIVITY);
        int score = negativity instanceof Number n ? Math.max(0, Math.min(100, n.intValue())) : derivedNegativity(label, intensity);
        Object signals = props.get(TicketEvents.SIGNALS);
        Set<String> names = signals instanceof String[] array ? Set.copyOf(Arrays.asList(array))
                : signals instanceof java.util.Collection<?> c ? Set.copyOf(c.stream().map(Object::toString).toList()) : Set.of();
        Object assignee = props.get(TicketEvents.ASSIGNEE);
        return new TicketFacts((String) ticketId, (String) customerId,
                assignee instanceof String s && !s.isBlank() ? s : null, label, intensity, score, names, at);
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
