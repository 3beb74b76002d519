package org.calmdesk.survey.api;

import java.time.Instant;

/**
 * An invitation. {@code token} (256 random bits, URL-safe) is the only credential of the open
 * answer endpoints; {@code revision} is the template revision the customer is asked.
 */
public record Invitation(String id, String surveyId, int revision, String customerId, String ticketId,
        InvitationChannel channel, String token, InvitationStatus status, Instant sentAt, Instant expiresAt,
        Instant respondedAt) {
}
