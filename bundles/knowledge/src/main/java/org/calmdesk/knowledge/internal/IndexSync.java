package org.calmdesk.knowledge.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import org.calmdesk.knowledge.api.Article;
import org.calmdesk.knowledge.api.IndexReport;
import org.calmdesk.knowledge.internal.search.Analyzers;
import org.calmdesk.knowledge.internal.search.ArticleIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the search index a faithful copy of the database. The database is the truth: a write
 * commits its row first, then asks this class to copy the article, which re-reads it from the
 * database under one lock, so two racing writers always leave the later state in the index.
 * After a crash, or when the index is missing, unreadable or of an older schema, {@link #reconcile}
 * compares the versions in the index with those in the database and rewrites what differs.
 */
final class IndexSync implements AutoCloseable {

    /** Reads articles from the database. */
    interface Source {
        /** The articles with these ids that exist. */
        List<Article> load(Collection<String> ids);

        /** Up to {@code max} (id, version) pairs with ids after {@code afterId} (null: from the start), by id. */
        List<Map.Entry<String, Long>> versionsAfter(String afterId, int max);
    }

    private static final Logger LOG = LoggerFactory.getLogger(IndexSync.class);
    static final int BATCH = 500;

    private final Path path;
    private final Analyzers analyzers;
    private final Source source;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile ArticleIndex index;
    /** Set when copying a change failed; the next maintenance run reconciles. */
    private volatile boolean dirty;

    IndexSync(Path path, Analyzers analyzers, Source source) throws IOException {
        this.path = path;
        this.analyzers = analyzers;
        this.source = source;
        this.index = new ArticleIndex(path, analyzers);
    }

    ArticleIndex index() {
        return index;
    }

    /** Copies the current database state of these articles into the index and makes it searchable at once. */
    void sync(Collection<String> ids) {
        copy(ids, true);
    }

    /**
     * Copies the current database state of these articles into the index; searches find it within
     * the index's reopen delay (half a second). For changes other nodes made: nobody here waits for
     * them, and a refresh each would cost a segment flush per article.
     */
    void follow(Collection<String> ids) {
        copy(ids, false);
    }

    private void copy(Collection<String> ids, boolean refresh) {
        try {
            lock.lock();
            try {
                copy(ids);
            } finally {
                lock.unlock();
            }
            if (refresh) {
                index.refresh();
            }
        } catch (RuntimeException e) {
            dirty = true;
            LOG.warn("Search index not updated for {} article(s), will catch up: {}", ids.size(), e.toString());
        }
    }

    private void copy(Collection<String> ids) {
        List<Article> found = source.load(ids);
        index.upsert(found);
        Set<String> gone = new HashSet<>(ids);
        found.forEach(a -> gone.remove(a.id()));
        if (!gone.isEmpty()) {
            index.delete(gone);
        }
    }

    /**
     * Brings the index in line with the database. With {@code full}, every article is rewritten
     * (a new schema, or an explicit reindex); otherwise only those whose version differs. Searches
     * keep working meanwhile. A missing index folder is recreated first.
     */
    IndexReport reconcile(boolean full) {
        long started = System.nanoTime();
        dirty = false;
        boolean reopened = reopenIfGone();
        boolean rewriteAll = full || reopened || index.needsRebuild();
        Map<String, Long> indexed = index.indexedVersions();
        long written = 0;
        String after = null;
        List<String> stale = new ArrayList<>();
        while (true) {
            List<Map.Entry<String, Long>> page = source.versionsAfter(after, BATCH * 4);
            for (Map.Entry<String, Long> row : page) {
                Long version = indexed.remove(row.getKey());
                if (rewriteAll || version == null || version.longValue() != row.getValue()) {
                    stale.add(row.getKey());
                }
                if (stale.size() >= BATCH) {
                    written += copyLocked(stale);
                }
            }
            if (page.size() < BATCH * 4) {
                break;
            }
            after = page.get(page.size() - 1).getKey();
        }
        written += copyLocked(stale);
        // What is left was never in the database (or no longer is): the index must not find it.
        if (!indexed.isEmpty()) {
            lock.lock();
            try {
                index.delete(indexed.keySet());
            } finally {
                lock.unlock();
            }
        }
        index.refresh();
        if (rewriteAll) {
            index.markRebuilt();
        } else {
            index.commit();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (written > 0 || !indexed.isEmpty()) {
            LOG.info("Search index {}: {} article(s) written, {} removed in {} ms", rewriteAll ? "rebuilt" : "caught up",
                    written, indexed.size(), millis);
        }
        return new IndexReport(written, indexed.size(), millis);
    }

    private int copyLocked(List<String> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        int count = ids.size();
        lock.lock();
        try {
            copy(ids);
        } finally {
            lock.unlock();
        }
        ids.clear();
        return count;
    }

    /** When the index folder was deleted under the running module, start a new index there. */
    private boolean reopenIfGone() {
        if (Files.isDirectory(path) && hasSegments()) {
            return false;
        }
        lock.lock();
        try {
            LOG.warn("Search index folder {} is gone; creating a new index from the database", path);
            // The old writer still holds the in-process lock on that path: close it first. Searches in
            // this short gap fail and can be retried; the database is untouched.
            try {
                index.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("Closing the index whose folder was deleted: {}", e.toString());
            }
            index = new ArticleIndex(path, analyzers);
            return true;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    private boolean hasSegments() {
        try (var files = Files.list(path)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("segments"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Periodic work: catch up after a failed copy, otherwise make recent changes durable. */
    void maintain() {
        try {
            if (dirty || !Files.isDirectory(path)) {
                reconcile(false);
            } else {
                index.commit();
            }
        } catch (RuntimeException e) {
            LOG.warn("Search index maintenance failed, will retry: {}", e.toString());
            dirty = true;
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            index.close();
        } finally {
            lock.unlock();
        }
    }
}
