package org.calmdesk.knowledge.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.calmdesk.knowledge.api.ArticleCategory;

@Service
public class CategoryCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        for (ArticleCategory category : ArticleCategory.values()) {
            delegate.getStrings().add(category.name());
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
