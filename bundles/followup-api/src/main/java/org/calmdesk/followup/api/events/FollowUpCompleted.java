package org.calmdesk.followup.api.events;

import java.util.Set;

import org.calmdesk.core.events.EventPayload;
import org.calmdesk.followup.api.FollowUpEvents;

/**
 * A follow-up was done. The ticket module closes a resolved ticket when the customer is satisfied
 * and reopens it when not. Topic {@link FollowUpEvents#COMPLETED}.
 *
 * @param followUpId        the follow-up
 * @param customerId        the customer to call
 * @param ticketId          the ticket it follows up, or null
 * @param assignee          who calls, or null
 * @param dueAt             when it is due (ISO-8601)
 * @param status            its status after the change
 * @param actor             who made the change ({@code followup} for the module itself)
 * @param customerSatisfied whether the customer was satisfied
 * @param summary           what was said (free text)
 */
public record FollowUpCompleted(String followUpId, String customerId, String ticketId, String assignee, String dueAt,
        String status, String actor, Boolean customerSatisfied, String summary) implements EventPayload {

    @Override
    public String topic() {
        return FollowUpEvents.COMPLETED;
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
