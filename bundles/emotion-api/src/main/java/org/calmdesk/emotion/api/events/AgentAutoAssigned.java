package org.calmdesk.emotion.api.events;

import org.calmdesk.core.events.EventPayload;
import org.calmdesk.emotion.api.EmotionEvents;

/**
 * The assignment helper gave an unassigned new ticket to an agent (the ticket module then appends
 * its own {@code ASSIGNED}). Topic {@link EmotionEvents#AUTO_ASSIGNED}.
 *
 * @param ticketId   the ticket
 * @param customerId its customer
 * @param assignee   the agent chosen
 * @param reason     why this agent
 */
public record AgentAutoAssigned(String ticketId, String customerId, String assignee, String reason)
        implements EventPayload {

    @Override
    public String topic() {
        return EmotionEvents.AUTO_ASSIGNED;
    }

    @Override
    public String resourceId() {
        return ticketId;
    }
}
