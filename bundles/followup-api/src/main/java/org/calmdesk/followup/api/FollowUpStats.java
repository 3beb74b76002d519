package org.calmdesk.followup.api;

import java.time.Instant;
import java.util.List;

/**
 * Promises kept: follow-ups due in {@code [from, to)}. {@code onTime} were done by their due time
 * (plus the configured grace), {@code late} were done after it, {@code missed} are past due and
 * still not done, {@code pending} are not due yet, {@code cancelled} were withdrawn (a reopened
 * ticket, a stopped series). {@code keptOnTimeRate} is onTime / (onTime + late + missed).
 */
public record FollowUpStats(Instant from, Instant to, Counts total, List<AssigneeCounts> byAssignee) {

    public record Counts(long due, long onTime, long late, long missed, long pending, long cancelled, double keptOnTimeRate) {
    }

    /** {@code assignee} null collects the unassigned ones. */
    public record AssigneeCounts(String assignee, Counts counts) {
    }
}
