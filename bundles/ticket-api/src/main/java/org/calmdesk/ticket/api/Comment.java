package org.calmdesk.ticket.api;

import java.time.Instant;

/** A note on a ticket; an internal one is never shown to the customer. */
public record Comment(String id, String ticketId, String body, boolean internal, String author, Instant createdAt) {
}
