package org.calmdesk.knowledge.api;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A problem-library article as the API returns it. {@code reviewDueAt} is when a published article
 * is next due for periodic review (last review, or publication, plus the configured period);
 * {@code usageCount} counts resolved tickets that turned out to be this known problem.
 */
public record Article(
        String id,
        String title,
        String problem,
        String rootCause,
        String solution,
        List<String> scripts,
        ArticleCategory category,
        List<String> tags,
        String language,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY, description = "Changed by publish and archive") ArticleStatus status,
        String sourceTicketId,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) long helpfulCount,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) long notHelpfulCount,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) long usageCount,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant reviewDueAt,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant lastReviewedAt,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant publishedAt,
        Instant createdAt,
        Instant updatedAt,
        long version) {
}
