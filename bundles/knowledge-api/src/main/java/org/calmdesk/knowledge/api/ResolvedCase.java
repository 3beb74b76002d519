package org.calmdesk.knowledge.api;

/**
 * A resolved complaint offered to the problem library (normally from the ticket module's RESOLVED
 * event). {@code category} is a ticket category name; unknown names become OTHER.
 */
public record ResolvedCase(String ticketId, String ticketNumber, String category, String subject,
        String description, String resolutionSummary, String rootCause) {
}
