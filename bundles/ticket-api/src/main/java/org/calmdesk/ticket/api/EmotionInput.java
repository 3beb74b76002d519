package org.calmdesk.ticket.api;

import javax.validation.constraints.DecimalMax;
import javax.validation.constraints.DecimalMin;
import javax.validation.constraints.NotNull;

import org.calmdesk.core.EmotionLabel;

/** An emotion named by the agent or the calling CRM; {@code intensity} defaults to 0.5. */
public record EmotionInput(@NotNull EmotionLabel label, @DecimalMin("0.0") @DecimalMax("1.0") Double intensity) {
}
