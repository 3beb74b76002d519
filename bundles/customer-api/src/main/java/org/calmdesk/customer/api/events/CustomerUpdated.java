package org.calmdesk.customer.api.events;

import org.calmdesk.core.events.EventPayload;
import org.calmdesk.customer.api.CustomerEvents;

/**
 * A customer's writable fields (or the temperament profile) changed. Topic
 * {@link CustomerEvents#UPDATED}.
 *
 * @param customerId  the customer
 * @param externalRef the CRM's reference, or null
 * @param actor       who made the change
 */
public record CustomerUpdated(String customerId, String externalRef, String actor) implements EventPayload {

    @Override
    public String topic() {
        return CustomerEvents.UPDATED;
    }

    @Override
    public String resourceId() {
        return customerId;
    }
}
