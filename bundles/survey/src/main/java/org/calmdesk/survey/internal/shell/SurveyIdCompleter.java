package org.calmdesk.survey.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.calmdesk.survey.api.SurveyService;

@Service
public class SurveyIdCompleter implements Completer {

    @Reference
    SurveyService surveys;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(surveys.list().stream().map(s -> s.id()).toList()).complete(session, commandLine, candidates);
    }
}
