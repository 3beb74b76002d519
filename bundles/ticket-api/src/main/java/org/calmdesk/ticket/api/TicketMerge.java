package org.calmdesk.ticket.api;

import java.util.List;

import javax.validation.constraints.NotBlank;
import javax.validation.constraints.NotEmpty;
import javax.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code POST /tickets/{id}/merge}: the duplicates to close as merged into the ticket of the path.
 * Each must belong to the same customer and be open (not CLOSED); one already merged into this
 * ticket is left as it is.
 */
@Schema(name = "TicketMerge")
public record TicketMerge(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Ids of the tickets merged into this one")
        @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 36) String> sourceIds) {
}
