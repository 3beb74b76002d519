package org.calmdesk.followup.internal;

import java.time.Instant;

import org.calmdesk.core.Ids;
import org.calmdesk.followup.api.FollowUpChannel;

/**
 * The service commitment of one resolution of a ticket, as the ticket module's RESOLVED event (or
 * the scheduler's reconciliation) tells it: the follow-up it promises is created once, keyed by
 * {@link #originKey()}.
 */
record TicketCommitment(String ticketId, String customerId, int reopenCount, Instant followUpAt, String ticketChannel,
        String assignee, String commitmentText, String number) {

    /** {@code ticket:<id>:<reopenCount>}: one follow-up per resolution of a ticket. */
    String originKey() {
        return "ticket:" + ticketId + ":" + reopenCount;
    }

    FollowUpEntity newFollowUp(FollowUpPolicy policy, Instant now) {
        return new FollowUpEntity(Ids.newId(), customerId, ticketId, followUpAt, channelFor(ticketChannel, policy), purpose(),
                assignee != null ? assignee : policy.defaultAssignee(), null, null, null, 0, originKey(), now);
    }

    private String purpose() {
        String promise = commitmentText == null || commitmentText.isBlank()
                ? "Follow up on the resolved complaint" : commitmentText.trim();
        String text = (number == null ? "" : number + ": ") + promise;
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }

    /** The ticket's channel when a follow-up can use it; in person becomes a visit; social media and others the default. */
    static FollowUpChannel channelFor(String ticketChannel, FollowUpPolicy policy) {
        if (ticketChannel == null) {
            return policy.defaultChannel();
        }
        return switch (ticketChannel) {
            case "PHONE" -> FollowUpChannel.PHONE;
            case "EMAIL" -> FollowUpChannel.EMAIL;
            case "CHAT" -> FollowUpChannel.CHAT;
            case "IN_PERSON" -> FollowUpChannel.VISIT;
            default -> policy.defaultChannel();
        };
    }
}
