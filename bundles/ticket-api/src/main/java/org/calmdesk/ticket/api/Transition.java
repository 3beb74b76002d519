package org.calmdesk.ticket.api;

import javax.validation.Valid;
import javax.validation.constraints.NotNull;
import javax.validation.constraints.Size;

/**
 * A move to {@code to}. Moving to RESOLVED needs {@code resolution.summary}; {@code commitment}
 * (and its {@code followUpAt}) is defaulted from policy when absent.
 */
public record Transition(@NotNull TicketStatus to, @Size(max = 4000) String note, @Valid Resolution resolution,
        @Valid Commitment commitment) {
}
