package org.calmdesk.survey.api;

import java.time.Instant;
import java.util.List;

/** What {@code GET /survey-responses/{token}} shows the customer: the questions, nothing about anyone. */
public record SurveyForm(String name, List<Question> questions, Instant expiresAt) {
}
