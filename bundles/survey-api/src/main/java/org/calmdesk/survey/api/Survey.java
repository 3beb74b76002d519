package org.calmdesk.survey.api;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A survey template. {@code revision} counts the question sets: editing the questions of a
 * template makes a new revision, and answers keep the revision they were given to, so old answers
 * stay readable. {@code version} is the ETag version of the template itself.
 */
public record Survey(String id, String name, SurveyTrigger trigger, boolean active, List<Question> questions,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY, description = "Grows when the questions change") int revision,
        Instant createdAt, Instant updatedAt, long version) {
}
