package org.calmdesk.events.api;

import java.time.Instant;

/** One event's delivery to one webhook, with its attempts so far. */
public record Delivery(String id, String webhookId, String eventId, String eventType, DeliveryStatus status, int attempts,
        Integer lastStatusCode, String lastError, Instant lastAttemptAt, Instant nextAttemptAt, Instant createdAt) {
}
