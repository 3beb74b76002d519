package org.calmdesk.ticket.api;

import java.util.List;

import javax.validation.Valid;
import javax.validation.constraints.NotBlank;
import javax.validation.constraints.NotNull;
import javax.validation.constraints.Size;

/**
 * A new ticket. Without {@code emotion} the text is analysed when an analyzer is installed;
 * without {@code priority} it is derived (see the ticket module's README section).
 */
public record TicketDraft(
        @NotBlank @Size(max = 36) String customerId,
        @NotNull TicketChannel channel,
        @NotNull TicketCategory category,
        @NotBlank @Size(max = 300) String subject,
        @Size(max = 20_000) String description,
        @Valid EmotionInput emotion,
        Priority priority,
        @Size(max = 100) String assignee,
        @Size(max = 30) List<@NotBlank @Size(max = 50) String> tags) {
}
