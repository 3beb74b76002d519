package org.calmdesk.ticket.api;

import java.util.List;

/**
 * What one module adds to a ticket's guidance. Lists may be empty, never null. A non-null
 * {@code strategy} replaces the default strategy text (the highest-ranked contributor wins).
 */
public record GuidanceContribution(String module, String strategy, List<String> actions, List<String> scripts,
        List<String> pitfalls, List<SuggestedArticle> articles) {

    public GuidanceContribution {
        actions = actions == null ? List.of() : List.copyOf(actions);
        scripts = scripts == null ? List.of() : List.copyOf(scripts);
        pitfalls = pitfalls == null ? List.of() : List.copyOf(pitfalls);
        articles = articles == null ? List.of() : List.copyOf(articles);
    }
}
