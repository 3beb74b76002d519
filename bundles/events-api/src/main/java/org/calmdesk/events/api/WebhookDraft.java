package org.calmdesk.events.api;

import java.util.List;

/** What an admin sends to create or replace a webhook; {@code active} defaults to true. */
public record WebhookDraft(String url, List<String> topics, String description, Boolean active) {
}
