package org.calmdesk.customer.api;

import java.time.Instant;

/** One line of a customer's timeline: {@code {at, module, kind, refId, summary}}. */
public record TimelineEntry(Instant at, String module, String kind, String refId, String summary) {
}
