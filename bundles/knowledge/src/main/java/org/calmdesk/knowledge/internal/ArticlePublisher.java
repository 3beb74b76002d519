package org.calmdesk.knowledge.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.calmdesk.core.events.DomainEvent;
import org.calmdesk.core.events.EventLog;
import org.calmdesk.knowledge.api.Article;
import org.calmdesk.knowledge.api.KnowledgeEvents;

/**
 * A change of an article and the module's event about it, committed together; then the article's
 * copy in this node's search index.
 */
final class ArticlePublisher {

    private final ArticleStore store;
    private final ArticleSearch search;

    ArticlePublisher(ArticleStore store, ArticleSearch search) {
        this.store = store;
        this.search = search;
    }

    /** Runs {@code change} and appends its event in one transaction, then indexes the article. */
    Article changed(String topic, Supplier<Article> change, String actor) {
        Article article = store.atomically(() -> {
            Article changed = change.get();
            append(topic, changed, actor);
            return changed;
        });
        search.sync(List.of(article.id()));
        return article;
    }

    /** Appends the event of a change to the running transaction. */
    static void append(String topic, Article article, String actor) {
        Map<String, Object> props = new HashMap<>();
        props.put(KnowledgeEvents.ARTICLE_ID, article.id());
        props.put(KnowledgeEvents.STATUS, article.status().name());
        props.put(KnowledgeEvents.ACTOR, actorOf(actor));
        if (article.sourceTicketId() != null) {
            props.put(KnowledgeEvents.SOURCE_TICKET_ID, article.sourceTicketId());
        }
        EventLog.append(new DomainEvent(topic, article.id(), null, props));
    }

    static String actorOf(String actor) {
        return actor == null ? "system" : actor;
    }
}
