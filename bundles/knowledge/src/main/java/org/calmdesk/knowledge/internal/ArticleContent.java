package org.calmdesk.knowledge.internal;

import java.util.List;

import javax.persistence.Column;
import javax.persistence.Embeddable;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;

import org.calmdesk.knowledge.api.ArticleCategory;
import org.calmdesk.knowledge.api.ArticleDraft;

/**
 * The writable content of an article: what an edit replaces and a revision keeps. Embedded in
 * both the article and its revisions, so the two tables always carry the same columns.
 */
@Embeddable
public class ArticleContent {

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

    protected ArticleContent() {
    }

    static ArticleContent of(ArticleDraft draft) {
        ArticleContent content = new ArticleContent();
        content.title = draft.title().trim();
        content.problem = draft.problem().trim();
        content.rootCause = blankToNull(draft.rootCause());
        content.solution = blankToNull(draft.solution());
        content.scriptsText = TextLists.joinScripts(TextLists.clean(draft.scripts()));
        content.tagsText = TextLists.joinTags(TextLists.clean(draft.tags()));
        content.category = draft.category();
        content.language = draft.language();
        return content;
    }

    ArticleContent copy() {
        ArticleContent copy = new ArticleContent();
        copy.title = title;
        copy.problem = problem;
        copy.rootCause = rootCause;
        copy.solution = solution;
        copy.scriptsText = scriptsText;
        copy.tagsText = tagsText;
        copy.category = category;
        copy.language = language;
        return copy;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    String title() {
        return title;
    }

    String problem() {
        return problem;
    }

    String rootCause() {
        return rootCause;
    }

    String solution() {
        return solution;
    }

    List<String> scripts() {
        return TextLists.splitScripts(scriptsText);
    }

    List<String> tags() {
        return TextLists.splitTags(tagsText);
    }

    ArticleCategory category() {
        return category;
    }

    String language() {
        return language;
    }
}
