package org.calmdesk.ticket.api;

import java.time.Instant;

/**
 * One recorded change: {@code action} is CREATED, STATUS, ASSIGNED, WAITING, COMMENT, PRIORITY,
 * BREACHED, ESCALATED, MERGED_INTO (on a merged ticket: {@code to} is the target's number),
 * MERGED_FROM (on the target: {@code to} is the merged ticket's number), SPLIT_INTO (on the ticket
 * split: {@code to} is the new ticket's number) or SPLIT_FROM (on the new ticket: {@code to} is the
 * number of the ticket it was split from); {@code from}/{@code to} are the old and new values where
 * that applies.
 */
public record HistoryEntry(Instant at, String actor, String action, String from, String to, String note) {
}
