package org.calmdesk.customer.api.events;

import org.calmdesk.core.events.EventPayload;
import org.calmdesk.customer.api.CustomerEvents;

/**
 * An interaction with the customer was recorded. The emotion module counts its emotion as evidence
 * for the customer's profile. Topic {@link CustomerEvents#INTERACTION_RECORDED}.
 *
 * @param customerId    the customer
 * @param interactionId the interaction
 * @param channel       its channel
 * @param emotion       its emotion label, or null
 * @param actor         who recorded it
 */
public record InteractionRecorded(String customerId, String interactionId, String channel, String emotion,
        String actor) implements EventPayload {

    @Override
    public String topic() {
        return CustomerEvents.INTERACTION_RECORDED;
    }

    @Override
    public String resourceId() {
        return interactionId;
    }
}
