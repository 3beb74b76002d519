package org.calmdesk.events.api;

import java.util.List;
import java.util.Optional;

import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;

/**
 * Webhooks: the event log pushed to CRMs. Deliveries carry the Standard Webhooks headers
 * ({@code webhook-id} = the event id, {@code webhook-timestamp}, {@code webhook-signature}) and are
 * retried with growing delays until a 2xx, a 410 (which disables the webhook) or the end of the
 * retry period.
 */
public interface WebhookService {

    /**
     * @throws org.calmdesk.core.error.ValidationException for a URL that is not http(s), resolves to a
     *         loopback, private or link-local address not allowed by configuration, or bad topics
     */
    CreatedWebhook create(WebhookDraft draft, String actor);

    List<Webhook> list();

    Optional<Webhook> find(String id);

    /** Replaces url, topics, description and active; re-enabling clears the failure streak. */
    Webhook update(String id, WebhookDraft draft, Long expectedVersion, String actor);

    /** Removes the webhook and its deliveries; false when there was none. */
    boolean delete(String id);

    /** Sends a {@code webhook.ping} event to this webhook alone; returns its delivery. */
    Delivery ping(String id);

    Page<Delivery> deliveries(String webhookId, DeliveryStatus status, PageRequest page);

    /** Sends a delivery again now (a FAILED one becomes PENDING with a fresh retry period). */
    Delivery redeliver(String webhookId, String deliveryId);
}
