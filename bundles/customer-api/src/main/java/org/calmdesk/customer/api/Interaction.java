package org.calmdesk.customer.api;

import java.time.Instant;

import org.calmdesk.core.EmotionLabel;

/** One service contact with a customer, on any channel (服务记录). */
public record Interaction(
        String id,
        String customerId,
        InteractionChannel channel,
        Direction direction,
        String summary,
        EmotionLabel emotion,
        Instant occurredAt,
        String recordedBy,
        Instant createdAt) {
}
