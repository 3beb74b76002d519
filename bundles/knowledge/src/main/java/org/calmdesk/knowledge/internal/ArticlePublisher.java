package org.calmdesk.knowledge.internal;

import java.util.List;
import java.util.function.Supplier;

import org.calmdesk.core.events.DomainEvent;
import org.calmdesk.core.events.EventLog;
import org.calmdesk.knowledge.api.Article;
import org.calmdesk.core.events.EventPayload;
import org.calmdesk.knowledge.api.events.ArticlePublished;

/**
 * A change of an article and the module's event about it, committed together; then the article's
 * copy in this node's search index. Which event a change makes is given as its record's
 * constructor ({@code ArticlePublished::new}): every record carries the same properties.
 */
final class ArticlePublisher {

    /** An event record built from the properties every article event carries. */
    @FunctionalInterface
    interface Announcement {
        EventPayload of(String articleId, String status, String actor, String sourceTicketId);
    }

    private final ArticleStore store;
    private final ArticleSearch search;

    ArticlePublisher(ArticleStore store, ArticleSearch search) {
        this.store = store;
        this.search = search;
    }

    /** Runs {@code change} and appends its event in one transaction, then indexes the article. */
    Article changed(Announcement announcement, Supplier<Article> change, String actor) {
        Article article = store.atomically(() -> {
            Article changed = change.get();
            append(announcement, changed, actor);
            return changed;
        });
        search.sync(List.of(article.id()));
        return article;
    }

    /** Appends the event of a change to the running transaction. */
    static void append(Announcement announcement, Article article, String actor) {
        EventLog.append(DomainEvent.of(announcement.of(article.id(), article.status().name(), actorOf(actor),
                article.sourceTicketId())));
    }

    static String actorOf(String actor) {
        return actor == null ? "system" : actor;
    }
}
