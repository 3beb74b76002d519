package org.calmdesk.events.api;

import java.time.Instant;
import java.util.List;

/** The answer to creating a webhook: the only time its {@code secret} ({@code whsec_} + base64) is shown. */
public record CreatedWebhook(String id, String url, List<String> topics, String description, boolean active, String disabledReason,
        Instant createdAt, Instant updatedAt, long version, String secret) {

    public static CreatedWebhook of(Webhook webhook, String secret) {
        return new CreatedWebhook(webhook.id(), webhook.url(), webhook.topics(), webhook.description(), webhook.active(),
                webhook.disabledReason(), webhook.createdAt(), webhook.updatedAt(), webhook.version(), secret);
    }
}
