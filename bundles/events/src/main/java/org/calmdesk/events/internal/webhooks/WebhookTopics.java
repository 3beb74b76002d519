package org.calmdesk.events.internal.webhooks;

/** The events module's own topics. */
final class WebhookTopics {

    /** A webhook was switched off by Calmdesk (410 from the receiver, or too many failures in a row); carries webhookId and reason. */
    static final String DISABLED = "calmdesk/webhook/DISABLED";
    /** A test delivery an admin asked for; sent to that one webhook only. */
    static final String PING = "calmdesk/webhook/PING";

    private WebhookTopics() {
    }
}
