package org.calmdesk.emotion.api.events;

import org.calmdesk.core.events.EventPayload;
import org.calmdesk.emotion.api.EmotionEvents;

/**
 * An agent handled more hostile tickets today than the team's threshold allows: appended once per
 * agent and day, the moment {@code hostile} first reaches {@code threshold}, for a team lead to
 * act on. Topic {@link EmotionEvents#EXPOSURE_THRESHOLD_CROSSED}.
 *
 * @param assignee  the agent
 * @param date      the day (ISO date in the configured zone)
 * @param hostile   hostile tickets today
 * @param total     tickets today
 * @param threshold the threshold
 * @param ticketId  the ticket that crossed it
 */
public record ExposureThresholdCrossed(String assignee, String date, int hostile, int total, int threshold,
        String ticketId) implements EventPayload {

    @Override
    public String topic() {
        return EmotionEvents.EXPOSURE_THRESHOLD_CROSSED;
    }

    @Override
    public String resourceId() {
        return assignee;
    }

    @Override
    public String customerId() {
        return null;
    }
}
