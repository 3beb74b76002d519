package org.calmdesk.knowledge.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.calmdesk.core.error.ConflictException;
import org.calmdesk.knowledge.api.ImportReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk import of a JSON library ({@link LibraryImporter} reads it): articles whose key was
 * imported before are skipped, so importing a file twice, or on two nodes at once, creates each
 * article once. The starter library ships in the bundle.
 */
final class BulkImport {

    private static final Logger LOG = LoggerFactory.getLogger(BulkImport.class);
    static final String STARTER_LIBRARY = "starter-library.json";
    /** Articles written per transaction. */
    private static final int CHUNK = 200;

    private final ArticleStore store;
    private final ArticleSearch search;
    private final LibraryImporter reader;
    private final Clock clock;

    BulkImport(ArticleStore store, ArticleSearch search, LibraryImporter reader, Clock clock) {
        this.store = store;
        this.search = search;
        this.reader = reader;
        this.clock = clock;
    }

    ImportReport importLibrary(InputStream json, boolean publish, String actor) {
        List<String> rejected = new ArrayList<>();
        List<LibraryImporter.Entry> entries = new ArrayList<>();
        for (LibraryImporter.Entry entry : reader.parse(json, rejected)) {
            try {
                if (publish) {
                    ArticleLifecycle.checkPublishable(entry.key(), entry.draft().rootCause(), entry.draft().solution());
                }
                entries.add(entry);
            } catch (ConflictException e) {
                rejected.add(entry.key() + ": " + e.getMessage());
            }
        }
        List<String> createdIds = new ArrayList<>();
        for (int from = 0; from < entries.size(); from += CHUNK) {
            createdIds.addAll(store.insertImported(entries.subList(from, Math.min(entries.size(), from + CHUNK)), publish,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        }
        search.sync(createdIds);
        int skipped = entries.size() - createdIds.size();
        LOG.info("Library import by {}: {} created, {} already present, {} rejected", ArticlePublisher.actorOf(actor),
                createdIds.size(), skipped, rejected.size());
        return new ImportReport(createdIds.size(), skipped, rejected);
    }

    ImportReport importStarterLibrary(String actor) {
        try (InputStream in = BulkImport.class.getResourceAsStream(STARTER_LIBRARY)) {
            if (in == null) {
                throw new IllegalStateException("starter library missing from the bundle");
            }
            return importLibrary(in, true, actor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
