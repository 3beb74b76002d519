package org.calmdesk.survey.internal.shell;

import java.io.PrintStream;
import java.time.Instant;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.calmdesk.survey.api.SurveyReport;
import org.calmdesk.survey.api.SurveyService;

@Command(scope = "calmdesk", name = "survey-report", description = "CSAT, NPS, response rate and free text of a survey")
@Service
public class SurveyReportCommand implements Action {

    @Reference
    SurveyService surveys;

    @Argument(index = 0, name = "id", description = "Survey id", required = true)
    @Completion(SurveyIdCompleter.class)
    String id;

    @Option(name = "--from", description = "ISO-8601 start (default: 30 days before --to)")
    String from;

    @Option(name = "--to", description = "ISO-8601 end (default: now)")
    String to;

    @Override
    public Object execute() {
        SurveyReport r;
        try {
            r = surveys.report(id, from == null ? null : Instant.parse(from), to == null ? null : Instant.parse(to));
        } catch (java.time.format.DateTimeParseException e) {
            System.out.println("--from and --to are ISO-8601 times such as 2026-11-01T00:00:00Z");
            return null;
        } catch (org.calmdesk.core.error.CalmdeskException e) {
            System.out.println(e.getMessage());
            return null;
        }
        PrintStream out = System.out;
        out.println("Survey " + r.surveyId() + ", " + r.from() + " .. " + r.to());
        out.printf("Invited %d, responded %d (%.1f %%)%n", r.invited(), r.responded(), r.responseRate() * 100);
        out.println("CSAT: " + r.csat().answers() + " answers, average " + r.csat().average() + ", satisfied " + r.csat().satisfiedPct() + " %");
        out.println("NPS: " + r.nps().answers() + " answers, score " + r.nps().score() + " (promoters " + r.nps().promoters()
                + ", passives " + r.nps().passives() + ", detractors " + r.nps().detractors() + ")");
        r.byCategory().forEach(c -> out.println("  " + c.category() + ": " + c.responded() + " answers, CSAT " + c.csatAverage()
                + ", NPS " + c.npsScore()));
        r.emotionShift().forEach(b -> out.println("  opening negativity " + b.band() + " (" + b.minNegativity() + "-" + b.maxNegativity()
                + "): " + b.responded() + " answers, CSAT " + b.csatAverage() + ", NPS " + b.npsScore()));
        r.freeText().stream().limit(10).forEach(t -> out.println("  \"" + t.text() + "\" (" + t.key() + ", " + t.at() + ")"));
        return null;
    }
}
