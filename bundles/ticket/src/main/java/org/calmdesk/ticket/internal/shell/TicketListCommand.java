package org.calmdesk.ticket.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketQuery;
import org.calmdesk.ticket.api.TicketService;
import org.calmdesk.ticket.api.TicketStatus;

@Command(scope = "calmdesk", name = "ticket-list", description = "Lists tickets, newest first")
@Service
public class TicketListCommand implements Action {

    @Reference
    TicketService tickets;

    @Option(name = "--status", aliases = "-s", description = "Only tickets in this status")
    @Completion(TicketStatusCompleter.class)
    TicketStatus status;

    @Option(name = "--breached", aliases = "-b", description = "Only tickets that missed an SLA target")
    boolean breached;

    @Option(name = "--assignee", aliases = "-a", description = "Only tickets of this assignee")
    String assignee;

    @Option(name = "--customer", aliases = "-c", description = "Only tickets of this customer id")
    String customer;

    @Option(name = "--limit", aliases = "-n", description = "At most this many rows (1-200)")
    int limit = 50;

    @Override
    public Object execute() {
        Page<Ticket> page = tickets.list(new TicketQuery(status, customer, null, null, assignee, breached ? Boolean.TRUE : null, null),
                PageRequest.of(limit, null));
        ShellTable table = new ShellTable();
        table.column("Number");
        table.column("Status");
        table.column("Priority");
        table.column("Category");
        table.column("Emotion");
        table.column("Assignee");
        table.column("Esc");
        table.column("Breached");
        table.column("Subject").maxSize(40);
        for (Ticket t : page.items()) {
            table.addRow().addContent(t.number(), t.status(), t.priority(), t.category(), t.emotion().label(),
                    t.assignee() == null ? "-" : t.assignee(), t.escalationLevel(), t.sla().breached() ? "yes" : "no",
                    t.subject());
        }
        table.print(System.out);
        if (page.nextCursor() != null) {
            System.out.println("(more tickets: raise --limit or narrow the filters)");
        }
        return null;
    }
}
