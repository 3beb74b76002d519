package org.calmdesk.survey.api;

import java.time.Instant;
import java.util.Map;

/** A stored answer: {@code answers} maps question keys to numbers (CSAT, NPS, RATING) or text (CHOICE, TEXT). */
public record SurveyAnswer(String id, String invitationId, String surveyId, int revision, String customerId, String ticketId,
        Map<String, Object> answers, Instant respondedAt) {
}
