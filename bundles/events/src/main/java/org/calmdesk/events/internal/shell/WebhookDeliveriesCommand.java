package org.calmdesk.events.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.events.api.Delivery;
import org.calmdesk.events.api.DeliveryStatus;
import org.calmdesk.events.api.WebhookService;

@Command(scope = "calmdesk", name = "webhook-deliveries", description = "A webhook's deliveries, newest first")
@Service
public class WebhookDeliveriesCommand implements Action {

    @Reference
    WebhookService webhooks;

    @Argument(index = 0, name = "id", required = true, description = "The webhook")
    @Completion(WebhookIdCompleter.class)
    String id;

    @Option(name = "--status", aliases = "-s", description = "PENDING, DELIVERED or FAILED")
    @Completion(value = StringsCompleter.class, values = { "PENDING", "DELIVERED", "FAILED" })
    DeliveryStatus status;

    @Option(name = "--limit", aliases = "-n", description = "At most this many (1-200)")
    int limit = 20;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Delivery");
        table.column("Event");
        table.column("Type");
        table.column("Status");
        table.column("Attempts").alignRight();
        table.column("Last code");
        table.column("Last attempt");
        table.column("Next attempt");
        table.column("Last error").maxSize(40);
        for (Delivery d : webhooks.deliveries(id, status, PageRequest.of(limit, null)).items()) {
            table.addRow().addContent(d.id(), d.eventId(), d.eventType(), d.status(), d.attempts(),
                    d.lastStatusCode() == null ? "-" : d.lastStatusCode(), d.lastAttemptAt() == null ? "-" : d.lastAttemptAt(),
                    d.nextAttemptAt() == null ? "-" : d.nextAttemptAt(), d.lastError() == null ? "-" : d.lastError());
        }
        table.print(System.out);
        return null;
    }
}
