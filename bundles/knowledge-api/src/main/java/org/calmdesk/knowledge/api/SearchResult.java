package org.calmdesk.knowledge.api;

import java.util.List;

/** The answer of a search or suggestion: {@code {"items": [{article, score, highlight}]}}, best first. */
public record SearchResult(List<SearchHit> items) {

    public SearchResult {
        items = List.copyOf(items);
    }
}
