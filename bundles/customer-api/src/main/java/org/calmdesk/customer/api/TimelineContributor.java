package org.calmdesk.customer.api;

import java.util.List;

/**
 * Whiteboard SPI of the customer timeline: any module registers a service of this type (a plain
 * DS component) and its entries appear in {@code GET /customers/{id}/timeline} while it runs.
 */
public interface TimelineContributor {

    /** Module name shown in each entry, e.g. {@code ticket}. */
    String module();

    /**
     * The customer's entries this module knows, newest first, at most {@code limit}.
     * Must be cheap and must not throw for an unknown customer (return an empty list).
     */
    List<TimelineEntry> entries(String customerId, int limit);
}
