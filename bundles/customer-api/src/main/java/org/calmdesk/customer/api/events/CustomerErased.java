package org.calmdesk.customer.api.events;

import org.calmdesk.core.events.EventPayload;
import org.calmdesk.customer.api.CustomerEvents;

/**
 * The customer's personal data was erased. Every module erases what it holds about the customer
 * (tickets, follow-ups, surveys, the emotion profile) and the event log redacts the free text of
 * the customer's stored events. Topic {@link CustomerEvents#ERASED}.
 *
 * @param customerId  the customer
 * @param externalRef the CRM's reference, or null
 * @param actor       who made the change
 */
public record CustomerErased(String customerId, String externalRef, String actor) implements EventPayload {

    @Override
    public String topic() {
        return CustomerEvents.ERASED;
    }

    @Override
    public String resourceId() {
        return customerId;
    }
}
