package org.calmdesk.knowledge.api;

/**
 * One ranked match: the article, its relevance score (higher is better, comparable only within
 * one answer) and a snippet with the matching words marked {@code <em>...</em>} (HTML-escaped).
 */
public record SearchHit(Article article, double score, String highlight) {
}
