package org.calmdesk.customer.api;

import java.time.Instant;

import javax.validation.constraints.NotBlank;
import javax.validation.constraints.NotNull;
import javax.validation.constraints.Size;

import org.calmdesk.core.EmotionLabel;

/** A contact to record; {@code occurredAt} defaults to now. */
public record InteractionDraft(
        @NotNull InteractionChannel channel,
        @NotNull Direction direction,
        @NotBlank @Size(max = 4000) String summary,
        EmotionLabel emotion,
        Instant occurredAt) {
}
