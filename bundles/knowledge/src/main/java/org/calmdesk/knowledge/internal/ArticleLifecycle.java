package org.calmdesk.knowledge.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.calmdesk.core.error.ConflictException;
import org.calmdesk.knowledge.api.ArticleStatus;

/**
 * The article state machine: {@code DRAFT -> PUBLISHED -> ARCHIVED}, and {@code DRAFT -> ARCHIVED}
 * to discard a draft. Archived is final. Any other move is a 409 naming the allowed ones.
 */
final class ArticleLifecycle {

    private static final Map<ArticleStatus, Set<ArticleStatus>> MOVES = Map.of(
            ArticleStatus.DRAFT, Set.of(ArticleStatus.PUBLISHED, ArticleStatus.ARCHIVED),
            ArticleStatus.PUBLISHED, Set.of(ArticleStatus.ARCHIVED),
            ArticleStatus.ARCHIVED, Set.of());

    private ArticleLifecycle() {
    }

    static boolean allowed(ArticleStatus from, ArticleStatus to) {
        return MOVES.get(from).contains(to);
    }

    static void checkMove(String id, ArticleStatus from, ArticleStatus to) {
        if (!allowed(from, to)) {
            throw new ConflictException("Article '" + id + "' is " + from + " and cannot become " + to,
                    Map.of("currentStatus", from.name(), "allowed", allowedFrom(from)));
        }
    }

    /** Content can be edited until the article is archived. */
    static void checkEditable(String id, ArticleStatus status) {
        if (status == ArticleStatus.ARCHIVED) {
            throw new ConflictException("Article '" + id + "' is ARCHIVED and can no longer be edited",
                    Map.of("currentStatus", status.name()));
        }
    }

    /** Only what agents can see and use is voted on and reviewed. */
    static void checkPublished(String id, ArticleStatus status, String action) {
        if (status != ArticleStatus.PUBLISHED) {
            throw new ConflictException("Article '" + id + "' is " + status + "; only a PUBLISHED article can be " + action,
                    Map.of("currentStatus", status.name()));
        }
    }

    /** A published article must say why the problem happens and how to solve it. */
    static void checkPublishable(String id, String rootCause, String solution) {
        List<String> missing = new ArrayList<>();
        if (rootCause == null || rootCause.isBlank()) {
            missing.add("rootCause");
        }
        if (solution == null || solution.isBlank()) {
            missing.add("solution");
        }
        if (!missing.isEmpty()) {
            throw new ConflictException("Article '" + id + "' cannot be published without " + String.join(" and ", missing),
                    Map.of("missing", missing));
        }
    }

    private static List<String> allowedFrom(ArticleStatus from) {
        return MOVES.get(from).stream().map(Enum::name).sorted().toList();
    }
}
