package org.calmdesk.ticket.api;

import java.util.List;

import javax.validation.constraints.NotBlank;
import javax.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code POST /tickets/{id}/split}: a new ticket for the same customer, split off the ticket of the
 * path (same channel and category, its own SLA from NEW), optionally taking some of its comments.
 */
@Schema(name = "TicketSplit")
public record TicketSplit(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = 300) String subject,
        @Size(max = 20_000) String description,
        @Schema(description = "Comments of the ticket to move to the new one")
        @Size(max = 100) List<@NotBlank @Size(max = 36) String> commentIds) {
}
