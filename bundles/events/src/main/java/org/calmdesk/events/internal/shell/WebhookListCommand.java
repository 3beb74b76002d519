package org.calmdesk.events.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.calmdesk.events.api.Webhook;
import org.calmdesk.events.api.WebhookService;

@Command(scope = "calmdesk", name = "webhook-list", description = "Lists the webhooks (never their secrets)")
@Service
public class WebhookListCommand implements Action {

    @Reference
    WebhookService webhooks;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Active");
        table.column("URL").maxSize(60);
        table.column("Topics").maxSize(50);
        table.column("Disabled because").maxSize(40);
        for (Webhook w : webhooks.list()) {
            table.addRow().addContent(w.id(), w.active(), w.url(), String.join(" ", w.topics()),
                    w.disabledReason() == null ? "-" : w.disabledReason());
        }
        table.print(System.out);
        return null;
    }
}
