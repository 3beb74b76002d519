package org.calmdesk.knowledge.api;

import java.util.List;

/** Result of importing a library file: articles created, articles already present (by key), problems. */
public record ImportReport(int created, int skipped, List<String> rejected) {

    public ImportReport {
        rejected = List.copyOf(rejected);
    }
}
