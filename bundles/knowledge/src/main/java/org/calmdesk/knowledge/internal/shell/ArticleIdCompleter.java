package org.calmdesk.knowledge.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.knowledge.api.ArticleQuery;
import org.calmdesk.knowledge.api.KnowledgeService;

/** Completes the ids of the first articles of the library. */
@Service
public class ArticleIdCompleter implements Completer {

    @Reference
    KnowledgeService knowledge;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        knowledge.list(ArticleQuery.all(), PageRequest.first(PageRequest.MAX_LIMIT)).items()
                .forEach(a -> delegate.getStrings().add(a.id()));
        return delegate.complete(session, commandLine, candidates);
    }
}
