package org.calmdesk.ticket.api;

import java.time.Instant;
import java.util.Map;

/**
 * Tickets opened in {@code [from, to)}. {@code breachRate} is the breached share (0.0-1.0);
 * medians are in seconds, null when no ticket of the window got that far.
 */
public record TicketStats(Instant from, Instant to, long total, Map<String, Long> byStatus,
        Map<String, Long> byCategory, Map<String, Long> byEmotion, Map<String, Long> byPriority, long breached,
        double breachRate, Long medianFirstResponseSeconds, Long medianResolutionSeconds) {
}
