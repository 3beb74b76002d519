package org.calmdesk.events.internal.webhooks;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = WebhooksConfig.PID, name = "Calmdesk webhooks", description = "Delivery of the event log to CRMs' URLs")
public @interface WebhooksConfig {

    String PID = "calmdesk.webhooks";

    @AttributeDefinition(description = "Comma-separated CIDRs (or addresses) of loopback, private or link-local targets that"
            + " webhooks may use anyway, e.g. 10.0.0.0/8 for a CRM inside the company network; empty refuses them all")
    String allowedTargets() default "";

    @AttributeDefinition(description = "Deliveries sent at once by this node")
    int deliveryThreads() default 32;

    @AttributeDefinition(description = "Deliveries in flight to one webhook at once, so a slow receiver never takes every thread")
    int perWebhookConcurrency() default 16;

    @AttributeDefinition(description = "Seconds to wait for a receiver's answer")
    int timeoutSeconds() default 10;

    @AttributeDefinition(description = "Hours a failing delivery is retried before it is given up")
    int retryForHours() default 72;

    @AttributeDefinition(description = "Failed attempts in a row after which a webhook is disabled (calmdesk/webhook/DISABLED)")
    int disableAfterFailures() default 50;
}
