package org.calmdesk.followup.api;

import java.time.Instant;

/** Filters of the follow-up list; null means "any". */
public record FollowUpQuery(FollowUpStatus status, String assignee, String customerId, String ticketId, Instant dueBefore) {

    public static FollowUpQuery all() {
        return new FollowUpQuery(null, null, null, null, null);
    }
}
