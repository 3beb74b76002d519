package org.calmdesk.ticket.internal;

import java.util.List;

import javax.persistence.EntityManagerFactory;

import org.calmdesk.core.persistence.Transactions;
import org.calmdesk.customer.api.CustomerEvents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a customer is erased, their tickets lose the customer's own words too: subject,
 * description, resolution and commitment texts, the comments on those tickets and the notes of
 * their history become {@value CustomerEvents#ERASED_TEXT}. The tickets themselves stay (category, priority, times,
 * statuses), so SLA figures and reports keep counting them. A redelivered event changes nothing.
 */
@Component(service = EventHandler.class, property = EventConstants.EVENT_TOPIC + "=" + CustomerEvents.ERASED)
public class TicketErasure implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TicketErasure.class);

    private final Transactions tx;

    @Activate
    public TicketErasure(@Reference(target = "(osgi.unit.name=calmdesk.ticket)") EntityManagerFactory emf) {
        this.tx = new Transactions(emf);
    }

    @Override
    public void handleEvent(Event event) {
        Object customerId = event.getProperty(CustomerEvents.CUSTOMER_ID);
        if (customerId instanceof String id) {
            int tickets = redact(id);
            LOG.info("Customer {} erased: the texts of {} of their tickets redacted", id, tickets);
        }
    }

    /** Redacts the texts of the customer's tickets; returns how many tickets they have. */
    int redact(String customerId) {
        return tx.inTransaction(em -> {
            List<TicketEntity> tickets = em.createQuery("SELECT t FROM TicketEntity t WHERE t.customerId = :customer",
                    TicketEntity.class).setParameter("customer", customerId).getResultList();
            tickets.forEach(t -> t.redact(CustomerEvents.ERASED_TEXT));
            em.createQuery("UPDATE TicketCommentEntity c SET c.body = :marker WHERE c.ticketId IN"
                    + " (SELECT t.id FROM TicketEntity t WHERE t.customerId = :customer)")
                    .setParameter("marker", CustomerEvents.ERASED_TEXT).setParameter("customer", customerId).executeUpdate();
            em.createQuery("UPDATE TicketHistoryEntity h SET h.note = :marker WHERE h.customerId = :customer AND h.note IS NOT NULL")
                    .setParameter("marker", CustomerEvents.ERASED_TEXT).setParameter("customer", customerId).executeUpdate();
            return tickets.size();
        });
    }
}
