package org.calmdesk.knowledge.internal.search;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.calmdesk.knowledge.api.Article;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index of the problem library: one document per article, written through one
 * {@link IndexWriter} and read through near-real-time searchers. It is a cache of the database:
 * every document carries the article's id and version, so the owner can compare it with the
 * database after a crash and rewrite what differs. Thread-safe.
 */
public final class ArticleIndex implements Closeable {

    /** Bump when fields or analysis change: an index of another schema is rewritten from the database. */
    public static final String SCHEMA = "2"; // 2: every text field in every document (dense norms)
    static final String SCHEMA_KEY = "calmdesk.schema";

    /** Field weights: title > problem > tags > root cause, solution and scripts. */
    static final float TITLE_BOOST = 5f;
    static final float PROBLEM_BOOST = 3f;
    static final float TAGS_BOOST = 2f;
    static final float BODY_BOOST = 1f;
    static final float BIGRAM_TITLE_BOOST = 1.5f;
    static final float BIGRAM_TEXT_BOOST = 0.5f;
    static final float SYNONYM_FACTOR = 0.6f;
    /** Query terms kept per analyzer: bounds the clause count of long ticket texts. */
    static final int MAX_QUERY_TERMS = 40;
    private static final int SNIPPET_FALLBACK_CHARS = 120;

    private static final Logger LOG = LoggerFactory.getLogger(ArticleIndex.class);
    private static final FieldType HIGHLIGHTED = highlightedType();
    private static final FieldType HIGHLIGHTED_EMPTY = emptyHighlightedType();
    /** Fields a snippet is taken from, in order of preference. */
    private static final String[] ALL_SNIPPET_FIELDS = { Fields.PROBLEM_ZH, Fields.BODY_ZH, Fields.TITLE_ZH,
            Fields.PROBLEM_EN, Fields.BODY_EN, Fields.TITLE_EN };
    private static final String[] CHINESE_SNIPPET_FIELDS = { Fields.PROBLEM_ZH, Fields.BODY_ZH, Fields.TITLE_ZH };
    /** What a hit reads of its stored document: the id, and the problem for a snippet without matches. */
    private static final Set<String> HIT_FIELDS = Set.of(Fields.ID, Fields.PROBLEM_ZH, Fields.PROBLEM_EN);

    private final Path path;
    private final Analyzers analyzers;
    private final Synonyms synonyms;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** Makes writes that did not ask for a refresh searchable within {@link #REOPEN_MAX_STALE_SECONDS}. */
    private final ControlledRealTimeReopenThread<IndexSearcher> reopener;
    private final boolean needsRebuild;
    private volatile boolean rebuilt;

    /**
     * Opens the index in {@code path}, creating it when missing. An unreadable index is deleted
     * and created empty; like a missing one or one of another schema, it then
     * {@linkplain #needsRebuild() needs a rebuild} from the database.
     */
    public ArticleIndex(Path path, Analyzers analyzers) throws IOException {
        this.path = path;
        this.analyzers = analyzers;
        this.synonyms = new Synonyms(analyzers);
        Files.createDirectories(path);
        Directory dir = FSDirectory.open(path);
        boolean rebuild;
        IndexWriter opened;
        try {
            rebuild = !DirectoryReader.indexExists(dir) || !SCHEMA.equals(schemaOf(dir));
            opened = new IndexWriter(dir, config(analyzers));
        } catch (LockObtainFailedException e) {
            // Another writer (another Karaf on the same data folder) owns it: not ours to delete.
            dir.close();
            throw e;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Search index at {} is unreadable ({}); starting a new one, to be rebuilt from the database",
                    path, e.toString());
            dir.close();
            deleteRecursively(path);
            Files.createDirectories(path);
            dir = FSDirectory.open(path);
            opened = new IndexWriter(dir, config(analyzers).setOpenMode(IndexWriterConfig.OpenMode.CREATE));
            rebuild = true;
        }
        this.directory = dir;
        this.writer = opened;
        this.needsRebuild = rebuild;
        this.rebuilt = !rebuild;
        if (rebuild) {
            // An empty first commit, so the folder holds an index even before anything is written.
            writer.commit();
        }
        this.searchers = new SearcherManager(writer, null);
        this.reopener = new ControlledRealTimeReopenThread<>(writer, searchers, REOPEN_MAX_STALE_SECONDS, 0.05);
        reopener.setName("calmdesk-knowledge-index-reopen");
        reopener.setDaemon(true);
        reopener.start();
    }

    /**
     * How stale the searcher may be for changes copied without {@link #refresh()} (those another
     * node made, which come through the event log). A refresh per copied article flushed a tiny
     * segment each time: under load a node fell minutes behind (issue 18's cluster run).
     */
    static final double REOPEN_MAX_STALE_SECONDS = 0.5;

    private static IndexWriterConfig config(Analyzers analyzers) {
        IndexWriterConfig config = new IndexWriterConfig(analyzers.perField());
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        config.setRAMBufferSizeMB(32);
        config.setCommitOnClose(true);
        return config;
    }

    private static String schemaOf(Directory dir) throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(dir)) {
            return reader.getIndexCommit().getUserData().get(SCHEMA_KEY);
        }
    }

    /** True when the index was missing, unreadable or of another schema when opened. */
    public boolean needsRebuild() {
        return needsRebuild;
    }

    /** Adds or replaces the documents of these articles. Not visible to searches before {@link #refresh()}. */
    public void upsert(Collection<Article> articles) {
        try {
            for (Article article : articles) {
                writer.updateDocument(new Term(Fields.ID, article.id()), document(article));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(Collection<String> ids) {
        try {
            writer.deleteDocuments(ids.stream().map(id -> new Term(Fields.ID, id)).toArray(Term[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes every change so far visible to searches. */
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the changes durable (fsync) when there are any; cheap otherwise. */
    public void commit() {
        try {
            if (writer.hasUncommittedChanges()) {
                // The schema mark is written only once a full rebuild has completed, so a crash in the
                // middle of one leaves an index that is rebuilt again at the next start.
                writer.setLiveCommitData(rebuilt ? Map.of(SCHEMA_KEY, SCHEMA).entrySet() : Map.<String, String>of().entrySet());
                writer.commit();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records that every article of the database has been written with this schema, and commits. */
    public void markRebuilt() {
        try {
            // A rebuild leaves a segment per flush (8 at 50 k articles), and every search looks each
            // term up and sets up its scorers in each: one segment, once, at the end of a rebuild.
            writer.forceMerge(1);
            searchers.maybeRefreshBlocking();
            rebuilt = true;
            writer.setLiveCommitData(Map.of(SCHEMA_KEY, SCHEMA).entrySet());
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Id -> version of every article in the index (as of the last refresh). */
    public Map<String, Long> indexedVersions() {
        Map<String, Long> versions = new HashMap<>();
        IndexSearcher searcher = acquire();
        try {
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                LeafReader reader = leaf.reader();
                Bits live = reader.getLiveDocs();
                SortedDocValues ids = reader.getSortedDocValues(Fields.ID);
                NumericDocValues numbers = reader.getNumericDocValues(Fields.VERSION);
                if (ids == null || numbers == null) {
                    continue;
                }
                for (int doc = ids.nextDoc(); doc != SortedDocValues.NO_MORE_DOCS; doc = ids.nextDoc()) {
                    if ((live == null || live.get(doc)) && numbers.advanceExact(doc)) {
                        versions.put(ids.lookupOrd(ids.ordValue()).utf8ToString(), numbers.longValue());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(searcher);
        }
        return versions;
    }

    public int size() {
        IndexSearcher searcher = acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            release(searcher);
        }
    }

    /** One ranked match of the index: article id, BM25 score and a highlighted snippet. */
    public record Hit(String id, float score, String highlight) {
    }

    /** A search of the index; null filters mean any. */
    public record Request(String text, String status, String category, String language, String preferCategory, int limit) {

        public Request withLimit(int more) {
            return new Request(text, status, category, language, preferCategory, more);
        }
    }

    public List<Hit> search(Request request) {
        // Hits are only ranked, never counted: once `limit` hits are in, the scorers may skip what
        // cannot make the top (block-max WAND). Lucene's default counts the first 1,000 matches
        // exactly; at 50,000 articles scoring was most of a search's CPU (JFR, bench/scale).
        return search(request, request.limit());
    }

    /** {@link #search(Request)}, counting at least {@code totalHitsThreshold} matches exactly before skipping. */
    List<Hit> search(Request request, int totalHitsThreshold) {
        Query text = textQuery(request.text());
        if (text == null) {
            return List.of();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(text, Occur.MUST);
        if (request.preferCategory() != null) {
            // A small nudge towards the case's own category; never a filter.
            query.add(new BoostQuery(new TermQuery(new Term(Fields.CATEGORY, request.preferCategory())), 0.5f), Occur.SHOULD);
        }
        filter(query, Fields.STATUS, request.status());
        filter(query, Fields.CATEGORY, request.category());
        filter(query, Fields.LANGUAGE, request.language());
        BooleanQuery built = query.build();
        IndexSearcher searcher = acquire();
        try {
            TopDocs top = searcher.search(built, new TopScoreDocCollectorManager(request.limit(), totalHitsThreshold));
            if (top.scoreDocs.length == 0) {
                return List.of();
            }
            // A query without Latin letters or digits only matches Chinese articles (see textQuery).
            String[] fields = Analyzers.hasLatinOrDigit(request.text()) ? ALL_SNIPPET_FIELDS : CHINESE_SNIPPET_FIELDS;
            int[] passages = new int[fields.length];
            Arrays.fill(passages, 1);
            Map<String, String[]> snippets = highlighter(searcher).highlightFields(fields, built, top, passages);
            List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
            for (int i = 0; i < top.scoreDocs.length; i++) {
                ScoreDoc scored = top.scoreDocs[i];
                Document stored = searcher.storedFields().document(scored.doc, HIT_FIELDS);
                String snippet = null;
                for (String field : fields) {
                    String candidate = snippets.get(field)[i];
                    if (candidate != null && candidate.contains("<em>")) {
                        snippet = candidate;
                        break;
                    }
                }
                if (snippet == null) {
                    snippet = fallbackSnippet(stored);
                }
                hits.add(new Hit(stored.get(Fields.ID), scored.score, snippet));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(searcher);
        }
    }

    /** Analysed terms of a text in a language: what similarity checks compare. */
    public List<String> terms(String text, String language) {
        return Analyzers.terms(analyzers.forLanguage(language), text, 200);
    }

    /**
     * The text part of a query: the words of the query as each analyzer sees them, against each
     * language's fields with its weight, plus synonyms at a lower weight and, for Chinese, bigrams.
     * Null when the text yields no term at all.
     */
    Query textQuery(String text) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        int clauses = 0;
        // English fields hold no Han text: a query without Latin letters or digits skips them (the
        // English analyzer would only make single characters of it).
        List<String> languages = Analyzers.hasLatinOrDigit(text) ? List.of("zh", "en") : List.of("zh");
        for (String language : languages) {
            List<String> terms = Analyzers.terms(analyzers.forLanguage(language), text, MAX_QUERY_TERMS);
            if (terms.isEmpty()) {
                continue;
            }
            clauses += addField(any, Fields.title(language), terms, language, TITLE_BOOST);
            clauses += addField(any, Fields.problem(language), terms, language, PROBLEM_BOOST);
            clauses += addField(any, Fields.tags(language), terms, language, TAGS_BOOST);
            clauses += addField(any, Fields.body(language), terms, language, BODY_BOOST);
        }
        if (clauses > 0 && Analyzers.hasHan(text)) {
            // Bigrams only back up real words: a query of fillers alone must not match through them.
            List<String> bigrams = Analyzers.terms(analyzers.bigrams(), text, MAX_QUERY_TERMS).stream()
                    .filter(b -> !Analyzers.isFillerBigram(b)).toList();
            clauses += addField(any, Fields.TITLE_BI, bigrams, null, BIGRAM_TITLE_BOOST);
            clauses += addField(any, Fields.TEXT_BI, bigrams, null, BIGRAM_TEXT_BOOST);
        }
        return clauses == 0 ? null : any.build();
    }

    private int addField(BooleanQuery.Builder any, String field, List<String> terms, String language, float boost) {
        if (terms.isEmpty()) {
            return 0;
        }
        BooleanQuery.Builder fieldQuery = new BooleanQuery.Builder();
        for (String term : terms) {
            fieldQuery.add(new TermQuery(new Term(field, term)), Occur.SHOULD);
            if (language != null) {
                for (String synonym : synonyms.of(term, language)) {
                    if (!terms.contains(synonym)) {
                        fieldQuery.add(new BoostQuery(new TermQuery(new Term(field, synonym)), SYNONYM_FACTOR), Occur.SHOULD);
                    }
                }
            }
        }
        any.add(new BoostQuery(fieldQuery.build(), boost), Occur.SHOULD);
        return 1;
    }

    private static void filter(BooleanQuery.Builder query, String field, String value) {
        if (value != null) {
            query.add(new TermQuery(new Term(field, value)), Occur.FILTER);
        }
    }

    private UnifiedHighlighter highlighter(IndexSearcher searcher) {
        return UnifiedHighlighter.builder(searcher, analyzers.perField())
                .withFormatter(new DefaultPassageFormatter("<em>", "</em>", " … ", true))
                .withBreakIterator(() -> BreakIterator.getSentenceInstance(Locale.ROOT))
                .withMaxNoHighlightPassages(0)
                // Weight matches build a Weight of the whole multi-field query per field and segment:
                // measured 5 ms of a 7 ms search on 50k articles; plain term offsets take 0.6 ms.
                .withWeightMatches(false)
                .withMaxLength(10_000)
                .build();
    }

    private static String fallbackSnippet(Document stored) {
        String problem = stored.get(Fields.PROBLEM_ZH) != null ? stored.get(Fields.PROBLEM_ZH) : stored.get(Fields.PROBLEM_EN);
        if (problem == null) {
            return "";
        }
        String cut = problem.length() > SNIPPET_FALLBACK_CHARS ? problem.substring(0, SNIPPET_FALLBACK_CHARS) + "…" : problem;
        return escape(cut);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#x27;").replace("/", "&#x2F;");
    }

    static Document document(Article article) {
        String language = "zh".equals(article.language()) ? "zh" : "en";
        Document doc = new Document();
        doc.add(new StringField(Fields.ID, article.id(), Field.Store.YES));
        doc.add(new SortedDocValuesField(Fields.ID, new BytesRef(article.id())));
        doc.add(new NumericDocValuesField(Fields.VERSION, article.version()));
        doc.add(new StringField(Fields.STATUS, article.status().name(), Field.Store.NO));
        doc.add(new StringField(Fields.CATEGORY, article.category().name(), Field.Store.NO));
        doc.add(new StringField(Fields.LANGUAGE, language, Field.Store.NO));
        String tags = String.join("，", article.tags());
        String body = Stream.concat(Stream.of(article.rootCause(), article.solution()), article.scripts().stream())
                .filter(s -> s != null && !s.isBlank()).reduce((a, b) -> a + "\n" + b).orElse("");
        doc.add(new Field(Fields.title(language), article.title(), HIGHLIGHTED));
        doc.add(new Field(Fields.problem(language), article.problem(), HIGHLIGHTED));
        doc.add(new TextField(Fields.tags(language), tags, Field.Store.NO));
        doc.add(new Field(Fields.body(language), body, HIGHLIGHTED));
        if ("zh".equals(language)) {
            doc.add(new TextField(Fields.TITLE_BI, article.title(), Field.Store.NO));
            doc.add(new TextField(Fields.TEXT_BI, article.problem() + "\n" + tags + "\n" + body, Field.Store.NO));
        }
        // Every text field in every document, empty where the article has none (the other language's,
        // bigrams of an English article): a field some documents lack has sparse norms, read through
        // IndexedDISI.advanceExact for every document scored (a fifth of a search's CPU in bench/scale's
        // JFR); an empty field adds a norm of 0 and no term, so no statistic and no score changes.
        String other = "zh".equals(language) ? "en" : "zh";
        doc.add(new Field(Fields.title(other), "", HIGHLIGHTED_EMPTY));
        doc.add(new Field(Fields.problem(other), "", HIGHLIGHTED_EMPTY));
        doc.add(new TextField(Fields.tags(other), "", Field.Store.NO));
        doc.add(new Field(Fields.body(other), "", HIGHLIGHTED_EMPTY));
        if (!"zh".equals(language)) {
            doc.add(new TextField(Fields.TITLE_BI, "", Field.Store.NO));
            doc.add(new TextField(Fields.TEXT_BI, "", Field.Store.NO));
        }
        return doc;
    }

    private static FieldType highlightedType() {
        FieldType type = new FieldType(TextField.TYPE_STORED);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        type.freeze();
        return type;
    }

    /** A highlighted field's index options (Lucene wants them the same in every document), with nothing stored. */
    private static FieldType emptyHighlightedType() {
        FieldType type = new FieldType(HIGHLIGHTED);
        type.setStored(false);
        type.freeze();
        return type;
    }

    private IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Commits and closes the writer, the searchers and the directory. When the commit fails (the
     * folder was deleted, the disk is full) the uncommitted changes are dropped (the database has
     * them) and the write lock is still released, so the index can be opened again.
     */
    @Override
    public void close() throws IOException {
        try {
            reopener.close();
            searchers.close();
        } finally {
            try {
                commit();
                writer.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Search index at {} not committed on close ({}); it catches up at the next start", path, e.toString());
                writer.rollback();
            } finally {
                directory.close();
            }
        }
    }

    /** Deletes an index folder and everything in it (tests and rebuilds). */
    public static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
