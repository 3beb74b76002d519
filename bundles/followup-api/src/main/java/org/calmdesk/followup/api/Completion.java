package org.calmdesk.followup.api;

import javax.validation.constraints.NotBlank;
import javax.validation.constraints.NotNull;
import javax.validation.constraints.Size;

/** {@code POST /followups/{id}/complete}: what the customer said, and whether they are satisfied. */
public record Completion(@NotBlank @Size(max = 4000) String summary, @NotNull Boolean customerSatisfied) {
}
