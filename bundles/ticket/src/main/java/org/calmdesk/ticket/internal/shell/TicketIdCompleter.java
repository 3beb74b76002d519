package org.calmdesk.ticket.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.ticket.api.TicketQuery;
import org.calmdesk.ticket.api.TicketService;

/** Completes the numbers and ids of the most recent tickets matching what was typed so far. */
@Service
public class TicketIdCompleter implements Completer {

    @Reference
    TicketService tickets;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        String typed = commandLine.getCursorArgument() == null ? ""
                : commandLine.getCursorArgument().substring(0, commandLine.getArgumentPosition());
        StringsCompleter delegate = new StringsCompleter();
        TicketQuery query = new TicketQuery(null, null, null, null, null, null,
                typed.toUpperCase().startsWith("CD-") ? typed : null);
        tickets.list(query, PageRequest.first(PageRequest.MAX_LIMIT)).items().forEach(t -> {
            delegate.getStrings().add(t.number());
            delegate.getStrings().add(t.id());
        });
        return delegate.complete(session, commandLine, candidates);
    }
}
