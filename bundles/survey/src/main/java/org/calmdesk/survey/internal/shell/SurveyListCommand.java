package org.calmdesk.survey.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.calmdesk.survey.api.Survey;
import org.calmdesk.survey.api.SurveyService;

@Command(scope = "calmdesk", name = "survey-list", description = "Lists survey templates")
@Service
public class SurveyListCommand implements Action {

    @Reference
    SurveyService surveys;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Name");
        table.column("Trigger");
        table.column("Active");
        table.column("Revision");
        table.column("Questions");
        for (Survey s : surveys.list()) {
            table.addRow().addContent(s.id(), s.name(), s.trigger(), s.active() ? "yes" : "no", s.revision(),
                    String.join(",", s.questions().stream().map(q -> q.key() + ":" + q.type()).toList()));
        }
        table.print(System.out);
        return null;
    }
}
