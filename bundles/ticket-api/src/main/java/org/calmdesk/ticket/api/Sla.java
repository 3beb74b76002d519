package org.calmdesk.ticket.api;

import java.time.Instant;

/**
 * The ticket's service-level clocks. Due times move later while the ticket waits on the
 * customer; {@code breached} stays true once a target was missed.
 */
public record Sla(Instant firstResponseDue, Instant resolutionDue, Instant firstRespondedAt, Instant resolvedAt,
        boolean breached) {
}
