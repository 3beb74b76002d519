package org.calmdesk.customer.api.events;

import org.calmdesk.core.events.EventPayload;
import org.calmdesk.customer.api.CustomerEvents;

/**
 * A customer was created. Topic {@link CustomerEvents#CREATED}.
 *
 * @param customerId  the customer
 * @param externalRef the CRM's reference, or null
 * @param actor       who made the change
 */
public record CustomerCreated(String customerId, String externalRef, String actor) implements EventPayload {

    @Override
    public String topic() {
        return CustomerEvents.CREATED;
    }

    @Override
    public String resourceId() {
        return customerId;
    }
}
