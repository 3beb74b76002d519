package org.calmdesk.followup.internal;

import java.util.ArrayList;
import java.util.List;

import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.customer.api.TimelineContributor;
import org.calmdesk.customer.api.TimelineEntry;
import org.calmdesk.followup.api.FollowUp;
import org.calmdesk.followup.api.FollowUpStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Follow-ups in the customer timeline: each one scheduled, and each one done or cancelled. */
@Component(service = TimelineContributor.class)
public class FollowUpTimelineContributor implements TimelineContributor {

    private final FollowUpStore store;

    @Activate
    public FollowUpTimelineContributor(@Reference FollowUpStore store) {
        this.store = store;
    }

    @Override
    public String module() {
        return "followup";
    }

    @Override
    public List<TimelineEntry> entries(String customerId, int limit) {
        List<TimelineEntry> entries = new ArrayList<>();
        for (FollowUp f : store.recentOfCustomer(customerId, Math.min(limit, PageRequest.MAX_LIMIT))) {
            entries.add(new TimelineEntry(f.createdAt(), module(), "FOLLOWUP_SCHEDULED", f.id(),
                    "Follow-up by " + f.channel() + " due " + f.dueAt() + ": " + f.purpose()));
            if (f.status() == FollowUpStatus.DONE && f.outcome() != null) {
                entries.add(new TimelineEntry(f.outcome().completedAt(), module(), "FOLLOWUP_DONE", f.id(),
                        (f.outcome().customerSatisfied() ? "Customer satisfied: " : "Customer not satisfied: ")
                                + f.outcome().summary()));
            } else if (f.status() == FollowUpStatus.CANCELLED) {
                entries.add(new TimelineEntry(f.updatedAt(), module(), "FOLLOWUP_CANCELLED", f.id(), "Follow-up cancelled"));
            }
        }
        entries.sort((a, b) -> b.at().compareTo(a.at()));
        return entries.subList(0, Math.min(limit, entries.size()));
    }
}
