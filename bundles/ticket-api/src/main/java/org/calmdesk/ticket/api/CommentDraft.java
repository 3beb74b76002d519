package org.calmdesk.ticket.api;

import javax.validation.constraints.NotBlank;
import javax.validation.constraints.Size;

/** {@code internal} defaults to true: notes stay internal unless said otherwise. */
public record CommentDraft(@NotBlank @Size(max = 10_000) String body, Boolean internal) {
}
