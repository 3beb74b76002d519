package org.calmdesk.events.api;

import java.time.Instant;
import java.util.List;

/**
 * A CRM's subscription: events whose topic matches one of {@code topics} (exact, or a prefix ending
 * in {@code *}) are POSTed to {@code url}, signed with the webhook's secret (shown once, at creation).
 *
 * @param disabledReason why Calmdesk switched it off (410 from the receiver, too many failures in a row), or null
 */
public record Webhook(String id, String url, List<String> topics, String description, boolean active, String disabledReason,
        Instant createdAt, Instant updatedAt, long version) {
}
