package org.calmdesk.ticket.internal;

import java.util.List;

import javax.persistence.EntityManagerFactory;

import org.calmdesk.core.persistence.Transactions;
import org.calmdesk.customer.api.TimelineContributor;
import org.calmdesk.customer.api.TimelineEntry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Tickets in the customer timeline: each opening and each move of the flow. */
@Component(service = TimelineContributor.class)
public class TicketTimelineContributor implements TimelineContributor {

    private static final List<String> ACTIONS = List.of("CREATED", "STATUS");

    private final Transactions tx;

    @Activate
    public TicketTimelineContributor(@Reference(target = "(osgi.unit.name=calmdesk.ticket)") EntityManagerFactory emf) {
        this.tx = new Transactions(emf);
    }

    @Override
    public String module() {
        return "ticket";
    }

    @Override
    public List<TimelineEntry> entries(String customerId, int limit) {
        return tx.read(em -> em.createQuery("SELECT h, t.number FROM TicketHistoryEntity h, TicketEntity t"
                + " WHERE t.id = h.ticketId AND h.customerId = :customer AND h.action IN :actions"
                + " ORDER BY h.at DESC, h.id DESC", Object[].class)
                .setParameter("customer", customerId).setParameter("actions", ACTIONS).setMaxResults(limit)
                .getResultStream().map(row -> entry((TicketHistoryEntity) row[0], (String) row[1])).toList());
    }

    private static TimelineEntry entry(TicketHistoryEntity h, String number) {
        boolean opened = "CREATED".equals(h.action());
        String summary = opened ? number + " opened: " + h.toDto().note()
                : number + " " + h.fromValue() + " -> " + h.toValue();
        return new TimelineEntry(h.at(), "ticket", opened ? "TICKET_OPENED" : "TICKET_" + h.toValue(), h.ticketId(), summary);
    }
}
