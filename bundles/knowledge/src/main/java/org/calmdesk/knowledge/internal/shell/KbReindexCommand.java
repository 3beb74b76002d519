package org.calmdesk.knowledge.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.calmdesk.knowledge.api.IndexReport;
import org.calmdesk.knowledge.api.KnowledgeService;

@Command(scope = "calmdesk", name = "kb-reindex",
        description = "Rebuilds the problem-library search index from the database (searches keep working)")
@Service
public class KbReindexCommand implements Action {

    @Reference
    KnowledgeService knowledge;

    @Override
    public Object execute() {
        IndexReport report = knowledge.reindex();
        System.out.printf("indexed: %d, removed: %d, took: %d ms%n", report.articles(), report.removed(), report.millis());
        return null;
    }
}
