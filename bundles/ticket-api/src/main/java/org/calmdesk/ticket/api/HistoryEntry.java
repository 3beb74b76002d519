package org.calmdesk.ticket.api;

import java.time.Instant;

/**
 * One recorded change: {@code action} is CREATED, STATUS, ASSIGNED, WAITING, COMMENT, PRIORITY,
 * BREACHED or ESCALATED; {@code from}/{@code to} are the old and new values where that applies.
 */
public record HistoryEntry(Instant at, String actor, String action, String from, String to, String note) {
}
