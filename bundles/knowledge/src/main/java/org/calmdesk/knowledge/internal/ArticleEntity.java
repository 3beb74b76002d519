package org.calmdesk.knowledge.internal;

import java.time.Duration;
import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Embedded;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import javax.persistence.Version;

import org.calmdesk.knowledge.api.Article;
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

    @Embedded
    private ArticleContent content;

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
        content = ArticleContent.of(draft);
        updatedAt = now;
    }

    /** A snapshot of the content as it is now, before an edit replaces it. */
    ArticleRevisionEntity snapshot(String revisionId, String replacedBy, Instant now) {
        return new ArticleRevisionEntity(revisionId, id, version, content.copy(), status, replacedBy, now);
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
        return new Article(id, content.title(), content.problem(), content.rootCause(), content.solution(),
                content.scripts(), content.category(), content.tags(), content.language(), status, sourceTicketId,
                helpfulCount, notHelpfulCount, usageCount, reviewDueAt, lastReviewedAt, publishedAt, createdAt, updatedAt,
                version);
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
        return content.rootCause();
    }

    String solution() {
        return content.solution();
    }
}
