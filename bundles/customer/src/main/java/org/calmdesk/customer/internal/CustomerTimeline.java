package org.calmdesk.customer.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.calmdesk.customer.api.TimelineContributor;
import org.calmdesk.customer.api.TimelineEntry;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The customer timeline whiteboard: merges the entries of every {@link TimelineContributor}
 * registered right now into one chronological list. A failing contributor is left out and
 * named in the answer rather than failing the whole timeline.
 */
@Component(service = CustomerTimeline.class)
public class CustomerTimeline {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerTimeline.class);

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<TimelineContributor> contributors = new ArrayList<>();

    public record Timeline(List<TimelineEntry> items, List<String> unavailable) {
    }

    /** At most {@code limit} most recent entries, in chronological order (oldest first). */
    public Timeline of(String customerId, int limit) {
        List<TimelineEntry> entries = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        for (TimelineContributor contributor : contributors) {
            try {
                entries.addAll(contributor.entries(customerId, limit));
            } catch (RuntimeException e) {
                LOG.warn("Timeline contributor {} failed: {}", contributor.module(), e.toString());
                unavailable.add(contributor.module());
            }
        }
        entries.sort(Comparator.comparing(TimelineEntry::at).reversed().thenComparing(TimelineEntry::module));
        List<TimelineEntry> recent = new ArrayList<>(entries.subList(0, Math.min(limit, entries.size())));
        recent.sort(Comparator.comparing(TimelineEntry::at).thenComparing(TimelineEntry::module));
        return new Timeline(recent, unavailable);
    }
}
