package org.calmdesk.emotion.internal.shell;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.calmdesk.emotion.internal.EmotionModule;
import org.calmdesk.emotion.internal.ExposureReport;

@Command(scope = "calmdesk", name = "agent-exposure", description = "Hostile tickets per agent on a day, and who is over the threshold")
@Service
public class AgentExposureCommand implements Action {

    @Reference
    EmotionModule module;

    @Option(name = "--date", description = "ISO date, e.g. 2026-11-27 (default: today in the configured zone)")
    String date;

    @Override
    public Object execute() {
        LocalDate day;
        try {
            day = date == null ? module.today() : LocalDate.parse(date.trim());
        } catch (DateTimeParseException e) {
            System.out.println("Not an ISO date: " + date);
            return null;
        }
        ExposureReport report = module.exposure(day);
        System.out.println("Exposure on " + report.date() + " (hostile: negativity >= " + report.hostileNegativity()
                + " or abuse; threshold " + report.threshold() + " per day)");
        ShellTable table = new ShellTable();
        table.column("Agent");
        table.column("Hostile");
        table.column("Total");
        table.column("Over threshold");
        table.column("Open high-intensity");
        table.column("Cooling down until");
        for (ExposureReport.AgentExposure agent : report.agents()) {
            table.addRow().addContent(agent.assignee(), agent.hostile(), agent.total(), agent.overThreshold() ? "YES" : "",
                    agent.openHighIntensity(), agent.coolingDownUntil() == null ? "" : agent.coolingDownUntil());
        }
        table.print(System.out);
        return null;
    }
}
