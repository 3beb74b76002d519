package org.calmdesk.knowledge.api;

/** Result of rebuilding the search index from the database. */
public record IndexReport(long articles, long removed, long millis) {
}
