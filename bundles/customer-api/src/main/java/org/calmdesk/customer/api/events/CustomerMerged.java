package org.calmdesk.customer.api.events;

import org.calmdesk.core.events.EventPayload;
import org.calmdesk.customer.api.CustomerEvents;

/**
 * A customer (the source) was merged into another (the target): the source is a tombstone whose
 * {@code mergedInto} names the target, and every installed module moves the records it holds for
 * the source to the target (an {@code UPDATE ... WHERE customerId = source}, so a redelivered event
 * changes nothing). Topic {@link CustomerEvents#MERGED}; the event concerns the target.
 *
 * @param targetId the customer that keeps everything
 * @param sourceId the customer merged into it
 * @param actor    who made the change
 */
public record CustomerMerged(String targetId, String sourceId, String actor) implements EventPayload {

    @Override
    public String topic() {
        return CustomerEvents.MERGED;
    }

    @Override
    public String resourceId() {
        return targetId;
    }

    @Override
    public String customerId() {
        return targetId;
    }
}
