package org.calmdesk.knowledge.internal.shell;

import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.calmdesk.core.error.ValidationException;
import org.calmdesk.knowledge.api.ArticleCategory;
import org.calmdesk.knowledge.api.ArticleStatus;
import org.calmdesk.knowledge.api.KnowledgeService;
import org.calmdesk.knowledge.api.SearchHit;
import org.calmdesk.knowledge.api.SearchRequest;

@Command(scope = "calmdesk", name = "kb-search", description = "Searches the problem library (Chinese or English)")
@Service
public class KbSearchCommand implements Action {

    @Reference
    KnowledgeService knowledge;

    @Argument(index = 0, name = "text", description = "What to look for", required = true, multiValued = true)
    List<String> text;

    @Option(name = "--language", description = "zh or en")
    @Completion(value = StringsCompleter.class, values = { "zh", "en" })
    String language;

    @Option(name = "--category", description = "Article category")
    @Completion(CategoryCompleter.class)
    String category;

    @Option(name = "--status", description = "DRAFT, PUBLISHED (default) or ARCHIVED")
    @Completion(value = StringsCompleter.class, values = { "DRAFT", "PUBLISHED", "ARCHIVED" })
    String status;

    @Option(name = "--limit", description = "Hits to show (1-50, default 10)")
    int limit = SearchRequest.DEFAULT_LIMIT;

    @Override
    public Object execute() {
        List<SearchHit> hits;
        try {
            hits = knowledge.search(new SearchRequest(String.join(" ", text), parse(ArticleCategory.class, category),
                    language, parse(ArticleStatus.class, status), limit)).items();
        } catch (ValidationException e) {
            System.err.println(e.getMessage());
            return null;
        }
        if (hits.isEmpty()) {
            System.out.println("No matching article.");
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Score");
        table.column("Id");
        table.column("Lang");
        table.column("Category");
        table.column("Title").maxSize(40);
        table.column("Highlight").maxSize(60);
        for (SearchHit hit : hits) {
            table.addRow().addContent(String.format(Locale.ROOT, "%.2f", hit.score()), hit.article().id(),
                    hit.article().language(), hit.article().category(), hit.article().title(), plain(hit.highlight()));
        }
        table.print(System.out);
        return null;
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(type.getSimpleName(), "must be one of " + List.of(type.getEnumConstants()));
        }
    }

    /** The highlight for a terminal: marks as [..], entities decoded. */
    static String plain(String highlight) {
        return highlight == null ? "" : highlight.replace("<em>", "[").replace("</em>", "]").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&quot;", "\"").replace("&#x27;", "'").replace("&#x2F;", "/")
                .replace("&amp;", "&");
    }
}
