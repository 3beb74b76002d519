package org.calmdesk.knowledge.api.events;

import org.calmdesk.core.events.EventPayload;
import org.calmdesk.knowledge.api.KnowledgeEvents;

/**
 * An article was archived. Topic {@link KnowledgeEvents#ARCHIVED}.
 *
 * @param articleId      the article
 * @param status         its status after the change
 * @param actor          who made the change
 * @param sourceTicketId the ticket it was drafted from, or null
 */
public record ArticleArchived(String articleId, String status, String actor, String sourceTicketId)
        implements EventPayload {

    @Override
    public String topic() {
        return KnowledgeEvents.ARCHIVED;
    }

    @Override
    public String resourceId() {
        return articleId;
    }

    @Override
    public String customerId() {
        return null;
    }
}
