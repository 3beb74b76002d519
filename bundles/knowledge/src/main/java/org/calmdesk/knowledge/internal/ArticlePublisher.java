package org.calmdesk.knowledge.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.calmdesk.knowledge.api.Article;
import org.calmdesk.knowledge.api.KnowledgeEvents;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** What follows a committed change of an article: its copy in the search index, then the module's event. */
final class ArticlePublisher {

    private final EventAdmin events;
    private final ArticleSearch search;

    ArticlePublisher(EventAdmin events, ArticleSearch search) {
        this.events = events;
        this.search = search;
    }

    void changed(String topic, Article article, String actor) {
        search.sync(List.of(article.id()));
        Map<String, Object> props = new HashMap<>();
        props.put(KnowledgeEvents.ARTICLE_ID, article.id());
        props.put(KnowledgeEvents.STATUS, article.status().name());
        props.put(KnowledgeEvents.ACTOR, actorOf(actor));
        if (article.sourceTicketId() != null) {
            props.put(KnowledgeEvents.SOURCE_TICKET_ID, article.sourceTicketId());
        }
        events.postEvent(new Event(topic, props));
    }

    static String actorOf(String actor) {
        return actor == null ? "system" : actor;
    }
}
