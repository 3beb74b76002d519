package org.calmdesk.ticket.internal;

import java.util.List;

import org.calmdesk.customer.api.TimelineContributor;
import org.calmdesk.customer.api.TimelineEntry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Tickets in the customer timeline: each opening and each move of the flow. */
@Component(service = TimelineContributor.class)
public class TicketTimelineContributor implements TimelineContributor {

    private static final List<String> ACTIONS = List.of("CREATED", "STATUS");

    private final TicketStore store;

    @Activate
    public TicketTimelineContributor(@Reference TicketStore store) {
        this.store = store;
    }

    @Override
    public String module() {
        return "ticket";
    }

    @Override
    public List<TimelineEntry> entries(String customerId, int limit) {
        return store.customerHistory(customerId, ACTIONS, limit, TicketTimelineContributor::entry);
    }

    private static TimelineEntry entry(TicketHistoryEntity h, String number) {
        boolean opened = "CREATED".equals(h.action());
        String summary = opened ? number + " opened: " + h.toDto().note()
                : number + " " + h.fromValue() + " -> " + h.toValue();
        return new TimelineEntry(h.at(), "ticket", opened ? "TICKET_OPENED" : "TICKET_" + h.toValue(), h.ticketId(), summary);
    }
}
