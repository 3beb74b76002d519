package org.calmdesk.followup.api.events;

import java.util.Set;

import org.calmdesk.core.events.EventPayload;
import org.calmdesk.followup.api.FollowUpEvents;

/**
 * A follow-up was cancelled (by hand, superseded, its ticket reopened, or its customer erased).
 * Topic {@link FollowUpEvents#CANCELLED}.
 *
 * @param followUpId the follow-up
 * @param customerId the customer to call
 * @param ticketId   the ticket it follows up, or null
 * @param assignee   who calls, or null
 * @param dueAt      when it is due (ISO-8601)
 * @param status     its status after the change
 * @param actor      who made the change ({@code followup} for the module itself)
 */
public record FollowUpCancelled(String followUpId, String customerId, String ticketId, String assignee, String dueAt,
        String status, String actor) implements EventPayload {

    @Override
    public String topic() {
        return FollowUpEvents.CANCELLED;
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
