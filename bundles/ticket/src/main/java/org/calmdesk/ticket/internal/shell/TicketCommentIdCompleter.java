package org.calmdesk.ticket.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.calmdesk.ticket.api.TicketService;

/** Completes the ids of the comments of the ticket named by the command's first argument. */
@Service
public class TicketCommentIdCompleter implements Completer {

    @Reference
    TicketService tickets;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        String[] arguments = commandLine.getArguments();
        for (int i = 1; i < arguments.length; i++) { // the first is the command itself
            if (!arguments[i].startsWith("-")) {
                String ticket = arguments[i];
                tickets.findByIdOrNumber(ticket).ifPresent(t -> tickets.comments(t.id()).stream()
                        .filter(c -> c.ticketId().equals(t.id())).forEach(c -> delegate.getStrings().add(c.id())));
                break;
            }
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
