package org.calmdesk.ticket.internal.shell;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.calmdesk.ticket.api.TicketService;
import org.calmdesk.ticket.api.TicketStats;

@Command(scope = "calmdesk", name = "ticket-stats", description = "Ticket counts, SLA breach rate and median handling times")
@Service
public class TicketStatsCommand implements Action {

    @Reference
    TicketService tickets;

    @Option(name = "--from", description = "ISO-8601 start of the window (default: 30 days before --to)")
    String from;

    @Option(name = "--to", description = "ISO-8601 end of the window (default: now)")
    String to;

    @Override
    public Object execute() {
        TicketStats stats;
        try {
            stats = tickets.stats(from == null ? null : Instant.parse(from), to == null ? null : Instant.parse(to));
        } catch (java.time.format.DateTimeParseException e) {
            System.out.println("--from and --to are ISO-8601 times such as 2026-11-01T00:00:00Z");
            return null;
        } catch (org.calmdesk.core.error.CalmdeskException e) {
            System.out.println(e.getMessage());
            return null;
        }
        PrintStream out = System.out;
        out.println("Tickets opened " + stats.from() + " .. " + stats.to() + ": " + stats.total());
        print(out, "By status", stats.byStatus());
        print(out, "By category", stats.byCategory());
        print(out, "By emotion", stats.byEmotion());
        print(out, "By priority", stats.byPriority());
        out.printf("SLA breached: %d (%.1f %%)%n", stats.breached(), stats.breachRate() * 100);
        out.println("Median first response: " + seconds(stats.medianFirstResponseSeconds()));
        out.println("Median resolution: " + seconds(stats.medianResolutionSeconds()));
        return null;
    }

    private static void print(PrintStream out, String title, Map<String, Long> counts) {
        StringBuilder line = new StringBuilder(title).append(':');
        counts.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        out.println(line);
    }

    private static String seconds(Long seconds) {
        return seconds == null ? "-" : java.time.Duration.ofSeconds(seconds).toString();
    }
}
