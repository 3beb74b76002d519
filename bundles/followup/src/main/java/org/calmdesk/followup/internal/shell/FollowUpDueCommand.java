package org.calmdesk.followup.internal.shell;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.followup.api.FollowUp;
import org.calmdesk.followup.api.FollowUpQuery;
import org.calmdesk.followup.api.FollowUpService;
import org.calmdesk.followup.api.FollowUpStatus;

@Command(scope = "calmdesk", name = "followup-due", description = "Lists open follow-ups, overdue first, then the soonest due")
@Service
public class FollowUpDueCommand implements Action {

    @Reference
    FollowUpService followUps;

    @Option(name = "--assignee", aliases = "-a", description = "Only follow-ups of this assignee")
    String assignee;

    @Option(name = "--overdue", aliases = "-o", description = "Only overdue follow-ups")
    boolean overdue;

    @Option(name = "--limit", aliases = "-n", description = "At most this many rows of each status (1-200)")
    int limit = 50;

    @Override
    public Object execute() {
        List<FollowUp> rows = new ArrayList<>();
        List<FollowUpStatus> statuses = overdue ? List.of(FollowUpStatus.OVERDUE) : List.of(FollowUpStatus.OVERDUE, FollowUpStatus.PENDING);
        for (FollowUpStatus status : statuses) {
            rows.addAll(followUps.list(new FollowUpQuery(status, assignee, null, null, null), PageRequest.of(limit, null)).items());
        }
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Status");
        table.column("Due");
        table.column("Channel");
        table.column("Assignee");
        table.column("Customer");
        table.column("Ticket");
        table.column("Purpose").maxSize(40);
        Instant now = Instant.now();
        for (FollowUp f : rows) {
            table.addRow().addContent(f.id(), f.status(), f.dueAt() + (f.dueAt().isBefore(now) ? " (past)" : ""), f.channel(),
                    f.assignee() == null ? "-" : f.assignee(), f.customerId(), f.ticketId() == null ? "-" : f.ticketId(),
                    f.purpose());
        }
        table.print(System.out);
        return null;
    }
}
