package org.calmdesk.ticket.internal;

import org.calmdesk.customer.api.CustomerEvents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.core.events.EventConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a customer is erased, their tickets lose the customer's own words too: subject,
 * description, resolution and commitment texts, the comments on those tickets and the notes of
 * their history become {@value CustomerEvents#ERASED_TEXT}. The tickets themselves stay (category, priority, times,
 * statuses), so SLA figures and reports keep counting them. A redelivered event changes nothing.
 */
@Component(service = EventConsumer.class, property = {
        EventConsumer.NAME + "=ticket.erasure",
        EventConsumer.TOPICS + "=" + CustomerEvents.ERASED })
public class TicketErasure implements EventConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(TicketErasure.class);

    private final TicketStore store;

    @Activate
    public TicketErasure(@Reference TicketStore store) {
        this.store = store;
    }

    @Override
    public void consume(LoggedEvent event) {
        Object customerId = event.property(CustomerEvents.CUSTOMER_ID);
        if (customerId instanceof String id) {
            int tickets = redact(id);
            LOG.info("Customer {} erased: the texts of {} of their tickets redacted", id, tickets);
        }
    }

    /** Redacts the texts of the customer's tickets; returns how many tickets they have. */
    int redact(String customerId) {
        return store.redactCustomer(customerId, CustomerEvents.ERASED_TEXT);
    }
}
