package org.calmdesk.knowledge.internal;

import java.time.Duration;
import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import javax.persistence.Version;

import org.calmdesk.knowledge.api.Article;
import org.calmdesk.knowledge.api.ArticleCategory;
import org.calmdesk.knowledge.api.ArticleDraft;
import org.calmdesk.knowledge.api.ArticleStatus;

@Entity
@Table(name = "knowledge_article", indexes = {
        @Index(name = "knowledge_article_status_ix", columnList = "status,id"),
        @Index(name = "knowledge_article_category_ix", columnList = "category,id"),
        @Index(name = "knowledge_article_review_ix", columnList = "status,review_base_at"),
        @Index(name = "knowledge_article_source_ix", columnList = "source_ticket_id") })
public class ArticleEntity {

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 200)
    private String title;

    @Column(nullable = false, length = 4000)
    private String problem;

    @Column(name = "root_cause", length = 4000)
    private String rootCause;

    @Column(length = 8000)
    private String solution;

    /** Scripts (话术) joined by a record separator; see {@link TextLists}. */
    @Column(name = "scripts_text", length = 21_000)
    private String scriptsText;

    /** Tags wrapped in delimiters, for display and the tag filter; see {@link TextLists}. */
    @Column(name = "tags_text", length = 1100)
    private String tagsText;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private ArticleCategory category;

    @Column(nullable = false, length = 2)
    private String language;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private ArticleStatus status;

    @Column(name = "source_ticket_id", length = 64)
    private String sourceTicketId;

    /** Stable key of an imported article (starter library), so a re-import skips it. */
    @Column(name = "import_key", length = 100, unique = true)
    private String importKey;

    @Column(name = "helpful_count", nullable = false)
    private long helpfulCount;

    @Column(name = "not_helpful_count", nullable = false)
    private long notHelpfulCount;

    @Column(name = "usage_count", nullable = false)
    private long usageCount;

    /**
     * When the review clock last started (publication or last review); the due date is this plus
     * the configured period, so a changed period applies at once without rewriting rows.
     */
    @Column(name = "review_base_at")
    private Instant reviewBaseAt;

    @Column(name = "last_reviewed_at")
    private Instant lastReviewedAt;

    @Column(name = "published_at")
    private Instant publishedAt;

    @Column(name = "archived_at")
    private Instant archivedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected ArticleEntity() {
    }

    ArticleEntity(String id, Instant now) {
        this.id = id;
        this.status = ArticleStatus.DRAFT;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void apply(ArticleDraft draft, Instant now) {
        title = draft.title().trim();
        problem = draft.problem().trim();
        rootCause = blankToNull(draft.rootCause());
        solution = blankToNull(draft.solution());
        scriptsText = TextLists.joinScripts(TextLists.clean(draft.scripts()));
        tagsText = TextLists.joinTags(TextLists.clean(draft.tags()));
        category = draft.category();
        language = draft.language();
        updatedAt = now;
    }

    /** A snapshot of the content as it is now, before an edit replaces it. */
    ArticleRevisionEntity snapshot(String revisionId, String replacedBy, Instant now) {
        return new ArticleRevisionEntity(revisionId, id, version, title, problem, rootCause, solution, scriptsText,
                tagsText, category, language, status, replacedBy, now);
    }

    void moveTo(ArticleStatus target, Instant now) {
        status = target;
        if (target == ArticleStatus.PUBLISHED) {
            publishedAt = now;
            reviewBaseAt = now;
        } else if (target == ArticleStatus.ARCHIVED) {
            archivedAt = now;
            reviewBaseAt = null;
        }
        updatedAt = now;
    }

    void reviewed(Instant now) {
        lastReviewedAt = now;
        reviewBaseAt = now;
        updatedAt = now;
    }

    void vote(boolean helpful) {
        if (helpful) {
            helpfulCount++;
        } else {
            notHelpfulCount++;
        }
    }

    void used(Instant now) {
        usageCount++;
        updatedAt = now;
    }

    void origin(String sourceTicketId, String importKey) {
        this.sourceTicketId = sourceTicketId;
        this.importKey = importKey;
    }

    Article toDto(Duration reviewPeriod) {
        Instant reviewDueAt = status == ArticleStatus.PUBLISHED && reviewBaseAt != null ? reviewBaseAt.plus(reviewPeriod) : null;
        return new Article(id, title, problem, rootCause, solution, TextLists.splitScripts(scriptsText), category,
                TextLists.splitTags(tagsText), language, status, sourceTicketId, helpfulCount, notHelpfulCount,
                usageCount, reviewDueAt, lastReviewedAt, publishedAt, createdAt, updatedAt, version);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    String id() {
        return id;
    }

    ArticleStatus status() {
        return status;
    }

    long version() {
        return version;
    }

    String rootCause() {
        return rootCause;
    }

    String solution() {
        return solution;
    }
}
