package org.calmdesk.ticket.internal;

import org.calmdesk.core.events.EventConsumer;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.customer.api.CustomerEvents;
import org.calmdesk.customer.api.events.CustomerMerged;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a customer is merged into another, their tickets (and the tickets' history) now belong to
 * the target. From the beginning of the log, so a ticket module installed after a merge applies it
 * too; moving again moves nothing, so a redelivered event changes nothing.
 */
@Component(service = EventConsumer.class, property = {
        EventConsumer.NAME + "=ticket.customer-merge",
        EventConsumer.START + "=beginning",
        EventConsumer.REPLAY_AFTER + "=" + CustomerEvents.MERGE_REPLAY_SECONDS,
        EventConsumer.TOPICS + "=" + CustomerEvents.MERGED })
public class TicketCustomerMerge implements EventConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(TicketCustomerMerge.class);

    private final TicketStore store;

    @Activate
    public TicketCustomerMerge(@Reference TicketStore store) {
        this.store = store;
    }

    @Override
    public void consume(LoggedEvent event) {
        CustomerMerged merged = event.as(CustomerMerged.class);
        if (merged.sourceId() != null && merged.targetId() != null) {
            int tickets = store.moveCustomer(merged.sourceId(), merged.targetId());
            LOG.info("Customer {} merged into {}: {} tickets moved", merged.sourceId(), merged.targetId(), tickets);
        }
    }
}
