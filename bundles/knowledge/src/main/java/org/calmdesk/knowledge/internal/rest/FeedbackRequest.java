package org.calmdesk.knowledge.internal.rest;

import javax.validation.constraints.NotNull;

/** {@code POST /articles/{id}/feedback} body: {@code {"helpful": true}}. */
public record FeedbackRequest(@NotNull Boolean helpful) {
}
