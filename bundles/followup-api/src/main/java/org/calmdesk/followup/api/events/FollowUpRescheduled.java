package org.calmdesk.followup.api.events;

import java.util.Set;

import org.calmdesk.core.events.EventPayload;
import org.calmdesk.followup.api.FollowUpEvents;

/**
 * A follow-up was moved to another time or person. Topic {@link FollowUpEvents#RESCHEDULED}.
 *
 * @param followUpId the follow-up
 * @param customerId the customer to call
 * @param ticketId   the ticket it follows up, or null
 * @param assignee   who calls, or null
 * @param dueAt      when it is due (ISO-8601)
 * @param status     its status after the change
 * @param actor      who made the change ({@code followup} for the module itself)
 */
public record FollowUpRescheduled(String followUpId, String customerId, String ticketId, String assignee,
        String dueAt, String status, String actor) implements EventPayload {

    @Override
    public String topic() {
        return FollowUpEvents.RESCHEDULED;
    }

    @Override
    public String resourceId() {
        return followUpId;
    }

    @Override
    public Set<String> freeText() {
        return FollowUpEvents.FREE_TEXT;
    }
}
