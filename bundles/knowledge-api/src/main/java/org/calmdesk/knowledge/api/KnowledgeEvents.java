package org.calmdesk.knowledge.api;

/**
 * EventAdmin topics the knowledge module posts after a change has committed. Every event carries
 * {@link #ARTICLE_ID}, {@link #STATUS} and {@link #ACTOR}; {@link #SOURCE_TICKET_ID} when the article
 * came from a ticket.
 * The payload of each topic is a record of {@code org.calmdesk.knowledge.api.events}
 * ({@code ArticlePublished} for {@link #PUBLISHED}, ...) with these properties as components.
 */
public final class KnowledgeEvents {

    public static final String TOPIC_PREFIX = "calmdesk/knowledge/";
    /** An article was created (by an agent, an import or from a resolved ticket). */
    public static final String CREATED = TOPIC_PREFIX + "CREATED";
    /** An article's content changed; the previous version was kept. */
    public static final String UPDATED = TOPIC_PREFIX + "UPDATED";
    public static final String PUBLISHED = TOPIC_PREFIX + "PUBLISHED";
    public static final String ARCHIVED = TOPIC_PREFIX + "ARCHIVED";

    public static final String ARTICLE_ID = "articleId";
    public static final String STATUS = "status";
    public static final String ACTOR = "actor";
    public static final String SOURCE_TICKET_ID = "sourceTicketId";

    private KnowledgeEvents() {
    }
}
