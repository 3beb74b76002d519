package org.calmdesk.customer.internal;

import java.util.ArrayList;
import java.util.List;

import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.customer.api.Customer;
import org.calmdesk.customer.api.Interaction;
import org.calmdesk.customer.api.TimelineContributor;
import org.calmdesk.customer.api.TimelineEntry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The customer module's own timeline entries: the record's creation and every interaction. */
@Component(service = TimelineContributor.class)
public class CustomerTimelineContributor implements TimelineContributor {

    private final CustomerStore store;

    @Activate
    public CustomerTimelineContributor(@Reference CustomerStore store) {
        this.store = store;
    }

    @Override
    public String module() {
        return "customer";
    }

    @Override
    public List<TimelineEntry> entries(String customerId, int limit) {
        List<TimelineEntry> entries = new ArrayList<>();
        Customer customer = store.find(customerId).orElse(null);
        if (customer == null) {
            return entries;
        }
        entries.add(new TimelineEntry(customer.createdAt(), module(), "CUSTOMER_CREATED", customer.id(),
                "Customer record created"));
        try {
            for (Interaction i : store.interactions(customerId, PageRequest.first(Math.min(limit, PageRequest.MAX_LIMIT))).items()) {
                entries.add(new TimelineEntry(i.occurredAt(), module(), "INTERACTION", i.id(),
                        i.direction() + " " + i.channel() + (i.emotion() == null ? "" : " (" + i.emotion() + ")")
                                + ": " + abbreviate(i.summary())));
            }
        } catch (NotFoundException raced) {
            // Deleted between the two reads: nothing more to show.
        }
        return entries;
    }

    private static String abbreviate(String text) {
        return text.length() > 140 ? text.substring(0, 139) + "…" : text;
    }
}
