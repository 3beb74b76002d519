package org.calmdesk.knowledge.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.calmdesk.knowledge.api.Article;
import org.calmdesk.knowledge.api.KnowledgeService;

@Command(scope = "calmdesk", name = "kb-show", description = "Shows one problem-library article")
@Service
public class KbShowCommand implements Action {

    @Reference
    KnowledgeService knowledge;

    @Argument(index = 0, name = "id", description = "Article id", required = true)
    @Completion(ArticleIdCompleter.class)
    String id;

    @Override
    public Object execute() {
        Article a = knowledge.find(id).orElse(null);
        if (a == null) {
            System.err.println("No article with id " + id);
            return null;
        }
        ShellTable fields = new ShellTable().noHeaders();
        fields.column("Field");
        fields.column("Value").maxSize(100).wrap();
        fields.addRow().addContent("Id", a.id());
        fields.addRow().addContent("Title", a.title());
        fields.addRow().addContent("Status", a.status());
        fields.addRow().addContent("Category", a.category());
        fields.addRow().addContent("Language", a.language());
        fields.addRow().addContent("Tags", String.join(", ", a.tags()));
        fields.addRow().addContent("Problem", a.problem());
        fields.addRow().addContent("Root cause", orDash(a.rootCause()));
        fields.addRow().addContent("Solution", orDash(a.solution()));
        for (int i = 0; i < a.scripts().size(); i++) {
            fields.addRow().addContent(i == 0 ? "Scripts" : "", (i + 1) + ". " + a.scripts().get(i));
        }
        fields.addRow().addContent("Source ticket", orDash(a.sourceTicketId()));
        fields.addRow().addContent("Helpful / not", a.helpfulCount() + " / " + a.notHelpfulCount());
        fields.addRow().addContent("Usage", a.usageCount());
        fields.addRow().addContent("Review due", a.reviewDueAt() == null ? "-" : a.reviewDueAt());
        fields.addRow().addContent("Updated", a.updatedAt());
        fields.addRow().addContent("Version", a.version());
        fields.print(System.out);
        return null;
    }

    static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }
}
