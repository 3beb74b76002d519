package org.calmdesk.knowledge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.calmdesk.core.error.ConflictException;
import org.calmdesk.knowledge.api.ArticleStatus;
import org.junit.jupiter.api.Test;

class ArticleLifecycleTest {

    @Test
    void onlyForwardMovesAreAllowed() {
        assertTrue(ArticleLifecycle.allowed(ArticleStatus.DRAFT, ArticleStatus.PUBLISHED));
        assertTrue(ArticleLifecycle.allowed(ArticleStatus.DRAFT, ArticleStatus.ARCHIVED));
        assertTrue(ArticleLifecycle.allowed(ArticleStatus.PUBLISHED, ArticleStatus.ARCHIVED));
        assertFalse(ArticleLifecycle.allowed(ArticleStatus.PUBLISHED, ArticleStatus.PUBLISHED));
        assertFalse(ArticleLifecycle.allowed(ArticleStatus.PUBLISHED, ArticleStatus.DRAFT));
        for (ArticleStatus target : ArticleStatus.values()) {
            assertFalse(ArticleLifecycle.allowed(ArticleStatus.ARCHIVED, target));
        }
    }

    @Test
    void anIllegalMoveIsAConflictNamingTheAllowedMoves() {
        ConflictException e = assertThrows(ConflictException.class,
                () -> ArticleLifecycle.checkMove("a1", ArticleStatus.PUBLISHED, ArticleStatus.PUBLISHED));
        assertEquals(409, e.status());
        assertEquals("PUBLISHED", e.extensions().get("currentStatus"));
        assertEquals(List.of("ARCHIVED"), e.extensions().get("allowed"));
        assertEquals(List.of(), assertThrows(ConflictException.class,
                () -> ArticleLifecycle.checkMove("a1", ArticleStatus.ARCHIVED, ArticleStatus.PUBLISHED)).extensions().get("allowed"));
    }

    @Test
    void publishingNeedsRootCauseAndSolution() {
        ConflictException e = assertThrows(ConflictException.class, () -> ArticleLifecycle.checkPublishable("a1", " ", null));
        assertEquals(List.of("rootCause", "solution"), e.extensions().get("missing"));
        ArticleLifecycle.checkPublishable("a1", "why", "how");
    }

    @Test
    void archivedArticlesAreFrozenAndOnlyPublishedOnesAreRatedOrReviewed() {
        assertThrows(ConflictException.class, () -> ArticleLifecycle.checkEditable("a1", ArticleStatus.ARCHIVED));
        ArticleLifecycle.checkEditable("a1", ArticleStatus.PUBLISHED);
        assertThrows(ConflictException.class, () -> ArticleLifecycle.checkPublished("a1", ArticleStatus.DRAFT, "rated"));
        ArticleLifecycle.checkPublished("a1", ArticleStatus.PUBLISHED, "rated");
    }
}
