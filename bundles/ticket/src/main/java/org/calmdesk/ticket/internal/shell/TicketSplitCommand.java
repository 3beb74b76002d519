package org.calmdesk.ticket.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.calmdesk.core.error.CalmdeskException;
import org.calmdesk.rest.shell.ShellActor;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketService;
import org.calmdesk.ticket.api.TicketSplit;

@Command(scope = "calmdesk", name = "ticket-split",
        description = "Opens a new ticket for the same customer split off ID (NEW, its own SLA), optionally moving comments to it")
@Service
public class TicketSplitCommand implements Action {

    @Reference
    TicketService tickets;

    @Argument(index = 0, name = "id", description = "The ticket to split (id or number, CD-000042)", required = true)
    @Completion(TicketIdCompleter.class)
    String id;

    @Option(name = "--subject", aliases = "-s", description = "Subject of the new ticket", required = true)
    String subject;

    @Option(name = "--description", aliases = "-d", description = "Description of the new ticket")
    String description;

    @Option(name = "--comment", aliases = "-c", description = "Id of a comment of ID to move to the new ticket; repeat for several",
            multiValued = true)
    List<String> comments;

    @Override
    public Object execute() {
        Ticket source = tickets.findByIdOrNumber(id).orElse(null);
        if (source == null) {
            System.err.println("Not split: no ticket " + id);
            return null;
        }
        try {
            Ticket created = tickets.split(source.id(), new TicketSplit(subject, description, comments), ShellActor.current());
            System.out.println(created.number() + " (" + created.id() + ") split off " + source.number() + ", " + created.status()
                    + ", priority " + created.priority()
                    + (comments == null || comments.isEmpty() ? "" : ", " + comments.size() + " comment(s) moved"));
        } catch (CalmdeskException e) {
            System.err.println("Not split: " + e.getMessage());
        }
        return null;
    }
}
