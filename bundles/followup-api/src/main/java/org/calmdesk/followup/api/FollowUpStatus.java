package org.calmdesk.followup.api;

/** PENDING until due; OVERDUE by itself once past due; DONE or CANCELLED for good. */
public enum FollowUpStatus {
    PENDING, OVERDUE, DONE, CANCELLED;

    /** Open: it can still be completed, cancelled or rescheduled. */
    public boolean isOpen() {
        return this == PENDING || this == OVERDUE;
    }
}
