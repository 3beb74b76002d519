package org.calmdesk.knowledge.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;

import org.calmdesk.knowledge.api.ArticleCategory;
import org.calmdesk.knowledge.api.ArticleRevision;
import org.calmdesk.knowledge.api.ArticleStatus;

/** An article's content as it was before an edit replaced it. */
@Entity
@Table(name = "knowledge_article_revision", uniqueConstraints = @UniqueConstraint(
        name = "knowledge_article_revision_uk", columnNames = { "article_id", "version" }))
public class ArticleRevisionEntity {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "article_id", nullable = false, length = 36)
    private String articleId;

    @Column(nullable = false)
    private long version;

    @Column(nullable = false, length = 200)
    private String title;

    @Column(nullable = false, length = 4000)
    private String problem;

    @Column(name = "root_cause", length = 4000)
    private String rootCause;

    @Column(length = 8000)
    private String solution;

    @Column(name = "scripts_text", length = 21_000)
    private String scriptsText;

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

    @Column(name = "replaced_by", length = 100)
    private String replacedBy;

    @Column(name = "replaced_at", nullable = false)
    private Instant replacedAt;

    protected ArticleRevisionEntity() {
    }

    ArticleRevisionEntity(String id, String articleId, long version, String title, String problem, String rootCause,
            String solution, String scriptsText, String tagsText, ArticleCategory category, String language,
            ArticleStatus status, String replacedBy, Instant replacedAt) {
        this.id = id;
        this.articleId = articleId;
        this.version = version;
        this.title = title;
        this.problem = problem;
        this.rootCause = rootCause;
        this.solution = solution;
        this.scriptsText = scriptsText;
        this.tagsText = tagsText;
        this.category = category;
        this.language = language;
        this.status = status;
        this.replacedBy = replacedBy;
        this.replacedAt = replacedAt;
    }

    ArticleRevision toDto() {
        return new ArticleRevision(articleId, version, title, problem, rootCause, solution,
                TextLists.splitScripts(scriptsText), category, TextLists.splitTags(tagsText), language, status,
                replacedBy, replacedAt);
    }

    long version() {
        return version;
    }
}
