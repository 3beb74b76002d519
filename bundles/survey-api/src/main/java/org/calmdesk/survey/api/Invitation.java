package org.calmdesk.survey.api;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An invitation. {@code token} (256 random bits, URL-safe) is the only credential of the open
 * answer endpoints; {@code revision} is the template revision the customer is asked.
 */
public record Invitation(String id, String surveyId, int revision, String customerId, String ticketId,
        InvitationChannel channel, @Schema(accessMode = Schema.AccessMode.READ_ONLY, description = "The answer link's credential") String token,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) InvitationStatus status, @Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant sentAt,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant expiresAt, @Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant respondedAt) {
}
