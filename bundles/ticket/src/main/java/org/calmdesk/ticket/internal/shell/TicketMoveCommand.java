package org.calmdesk.ticket.internal.shell;

import java.time.Instant;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.calmdesk.core.error.CalmdeskException;
import org.calmdesk.rest.shell.ShellActor;
import org.calmdesk.ticket.api.Commitment;
import org.calmdesk.ticket.api.Resolution;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketService;
import org.calmdesk.ticket.api.TicketStatus;
import org.calmdesk.ticket.api.Transition;

@Command(scope = "calmdesk", name = "ticket-move", description = "Moves a ticket along the five-step flow")
@Service
public class TicketMoveCommand implements Action {

    @Reference
    TicketService tickets;

    @Argument(index = 0, name = "id", description = "Ticket id or number (CD-000042)", required = true)
    @Completion(TicketIdCompleter.class)
    String id;

    @Argument(index = 1, name = "status", description = "Target status", required = true)
    @Completion(TicketStatusCompleter.class)
    TicketStatus status;

    @Option(name = "--note", description = "Why; kept in the history")
    String note;

    @Option(name = "--resolution", description = "Resolution summary (required for RESOLVED)")
    String resolution;

    @Option(name = "--root-cause", description = "Root cause, for RESOLVED (feeds the problem library)")
    String rootCause;

    @Option(name = "--commitment", description = "The promise made to the customer, for RESOLVED (default from policy)")
    String commitment;

    @Option(name = "--follow-up-at", description = "ISO-8601 time of the promised follow-up, for RESOLVED (default from policy)")
    String followUpAt;

    @Override
    public Object execute() {
        Ticket ticket = tickets.findByIdOrNumber(id).orElse(null);
        if (ticket == null) {
            System.out.println("No ticket " + id);
            return null;
        }
        Resolution res = resolution == null && rootCause == null ? null : new Resolution(resolution, rootCause, null);
        Commitment promise;
        try {
            promise = commitment == null && followUpAt == null ? null
                    : new Commitment(commitment, followUpAt == null ? null : Instant.parse(followUpAt));
        } catch (java.time.format.DateTimeParseException e) {
            System.out.println("Not moved: --follow-up-at must be an ISO-8601 time such as 2026-12-01T02:00:00Z");
            return null;
        }
        try {
            Ticket moved = tickets.transition(ticket.id(), new Transition(status, note, res, promise), null, ShellActor.current());
            System.out.println(moved.number() + " " + ticket.status() + " -> " + moved.status());
        } catch (CalmdeskException e) {
            System.out.println("Not moved: " + e.getMessage());
        }
        return null;
    }
}
