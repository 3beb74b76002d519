package org.calmdesk.ticket.api;

/** Who named a ticket's emotion: an agent (or the default), or an emotion analyzer. */
public enum EmotionSource {
    AGENT, ANALYZER
}
