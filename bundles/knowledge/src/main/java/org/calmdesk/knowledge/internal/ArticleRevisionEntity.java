package org.calmdesk.knowledge.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Embedded;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

import org.calmdesk.knowledge.api.ArticleRevision;
import org.calmdesk.knowledge.api.ArticleStatus;

/** An article's content as it was before an edit replaced it. */
@Entity
// A unique index rather than a unique constraint: on a table that already exists, EclipseLink's
// create-or-extend-tables adds the constraint again at every start and logs the failure.
@Table(name = "knowledge_article_revision", indexes = @Index(
        name = "knowledge_article_revision_version_ux", columnList = "article_id,version", unique = true))
public class ArticleRevisionEntity {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "article_id", nullable = false, length = 36)
    private String articleId;

    @Column(nullable = false)
    private long version;

    @Embedded
    private ArticleContent content;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private ArticleStatus status;

    @Column(name = "replaced_by", length = 100)
    private String replacedBy;

    @Column(name = "replaced_at", nullable = false)
    private Instant replacedAt;

    protected ArticleRevisionEntity() {
    }

    ArticleRevisionEntity(String id, String articleId, long version, ArticleContent content, ArticleStatus status,
            String replacedBy, Instant replacedAt) {
        this.id = id;
        this.articleId = articleId;
        this.version = version;
        this.content = content;
        this.status = status;
        this.replacedBy = replacedBy;
        this.replacedAt = replacedAt;
    }

    ArticleRevision toDto() {
        return new ArticleRevision(articleId, version, content.title(), content.problem(), content.rootCause(),
                content.solution(), content.scripts(), content.category(), content.tags(), content.language(), status,
                replacedBy, replacedAt);
    }

    long version() {
        return version;
    }
}
