package org.calmdesk.ticket.internal.shell;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.calmdesk.core.error.CalmdeskException;
import org.calmdesk.rest.shell.ShellActor;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketMerge;
import org.calmdesk.ticket.api.TicketService;

@Command(scope = "calmdesk", name = "ticket-merge",
        description = "Closes each SOURCE ticket as merged into TARGET: their comments are listed with TARGET's, their open follow-ups cancelled")
@Service
public class TicketMergeCommand implements Action {

    @Reference
    TicketService tickets;

    @Argument(index = 0, name = "target", description = "The ticket that stays open (id or number, CD-000042)", required = true)
    @Completion(TicketIdCompleter.class)
    String target;

    @Argument(index = 1, name = "sources", description = "The duplicates closed as merged into the target (ids or numbers)",
            required = true, multiValued = true)
    @Completion(TicketIdCompleter.class)
    List<String> sources;

    @Override
    public Object execute() {
        Ticket into = tickets.findByIdOrNumber(target).orElse(null);
        if (into == null) {
            System.err.println("Not merged: no ticket " + target);
            return null;
        }
        List<String> sourceIds = new ArrayList<>();
        for (String source : sources) {
            Ticket found = tickets.findByIdOrNumber(source).orElse(null);
            if (found == null) {
                System.err.println("Not merged: no ticket " + source);
                return null;
            }
            sourceIds.add(found.id());
        }
        try {
            Ticket merged = tickets.merge(into.id(), new TicketMerge(sourceIds), ShellActor.current());
            System.out.println(String.join(", ", sources) + " merged into " + merged.number() + " (" + merged.status() + ")");
        } catch (CalmdeskException e) {
            System.err.println("Not merged: " + e.getMessage());
        }
        return null;
    }
}
