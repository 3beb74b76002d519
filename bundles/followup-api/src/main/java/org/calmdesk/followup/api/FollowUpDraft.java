package org.calmdesk.followup.api;

import java.time.Instant;

import javax.validation.constraints.NotBlank;
import javax.validation.constraints.NotNull;
import javax.validation.constraints.Pattern;
import javax.validation.constraints.Size;

/** A new follow-up. {@code recurrence} is an ISO-8601 period of at least one day, e.g. P30D or P1M. */
public record FollowUpDraft(
        @NotBlank @Size(max = 36) String customerId,
        @Size(max = 36) String ticketId,
        @NotNull Instant dueAt,
        @NotNull FollowUpChannel channel,
        @NotBlank @Size(max = 1000) String purpose,
        @Size(max = 100) String assignee,
        @Size(max = 20) @Pattern(regexp = "P.*", message = "must be an ISO-8601 period such as P30D or P1M") String recurrence) {
}
