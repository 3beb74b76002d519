package org.calmdesk.ticket.internal.shell;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.ticket.api.HistoryEntry;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketService;

@Command(scope = "calmdesk", name = "ticket-show", description = "Shows one ticket with its history")
@Service
public class TicketShowCommand implements Action {

    @Reference
    TicketService tickets;

    @Argument(index = 0, name = "id", description = "Ticket id or number (CD-000042)", required = true)
    @Completion(TicketIdCompleter.class)
    String id;

    @Override
    public Object execute() {
        PrintStream out = System.out;
        Ticket t = tickets.findByIdOrNumber(id).orElse(null);
        if (t == null) {
            out.println("No ticket " + id);
            return null;
        }
        out.println(t.number() + "  " + t.subject());
        row(out, "Id", t.id());
        row(out, "Customer", t.customerId());
        row(out, "Status", t.status() + (t.waitingOnCustomer() ? " (waiting on customer)" : ""));
        row(out, "Priority", t.priority());
        row(out, "Category", t.category() + " via " + t.channel());
        row(out, "Emotion", t.emotion().label() + " " + t.emotion().intensity() + " (" + t.emotion().source() + ")"
                + (t.emotion().signals().isEmpty() ? "" : " signals " + t.emotion().signals()));
        row(out, "Assignee", t.assignee() == null ? "-" : t.assignee());
        row(out, "SLA", "first response due " + t.sla().firstResponseDue() + ", resolution due " + t.sla().resolutionDue()
                + (t.sla().breached() ? ", BREACHED" : "") + ", escalation " + t.escalationLevel());
        if (t.resolution() != null) {
            row(out, "Resolution", t.resolution().summary());
            row(out, "Root cause", t.resolution().rootCause() == null ? "-" : t.resolution().rootCause());
        }
        if (t.commitment() != null) {
            row(out, "Commitment", t.commitment().text() + " (follow-up " + t.commitment().followUpAt() + ")");
        }
        row(out, "Reopened", t.reopenCount());
        if (t.mergedInto() != null) {
            row(out, "Merged into", tickets.find(t.mergedInto()).map(Ticket::number).orElse(t.mergedInto()));
        }
        if (t.splitFrom() != null) {
            row(out, "Split from", tickets.find(t.splitFrom()).map(Ticket::number).orElse(t.splitFrom()));
        }
        if (t.description() != null) {
            out.println();
            out.println(t.description());
        }
        out.println();
        ShellTable history = new ShellTable();
        history.column("At");
        history.column("Actor");
        history.column("Action");
        history.column("From");
        history.column("To");
        history.column("Note").maxSize(50);
        String cursor = null;
        do {
            Page<HistoryEntry> page = tickets.history(t.id(), PageRequest.of(PageRequest.MAX_LIMIT, cursor));
            for (HistoryEntry h : page.items()) {
                history.addRow().addContent(h.at(), h.actor(), h.action(), orDash(h.from()), orDash(h.to()), orDash(h.note()));
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        history.print(out);
        return null;
    }

    private static void row(PrintStream out, String label, Object value) {
        out.printf("  %-11s %s%n", label, value);
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
