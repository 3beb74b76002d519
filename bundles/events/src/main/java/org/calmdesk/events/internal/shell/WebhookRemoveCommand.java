package org.calmdesk.events.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.calmdesk.events.api.WebhookService;

@Command(scope = "calmdesk", name = "webhook-remove", description = "Removes a webhook and its delivery log")
@Service
public class WebhookRemoveCommand implements Action {

    @Reference
    WebhookService webhooks;

    @Argument(index = 0, name = "id", required = true, description = "The webhook")
    @Completion(WebhookIdCompleter.class)
    String id;

    @Override
    public Object execute() {
        System.out.println(webhooks.delete(id) ? "Webhook " + id + " removed" : "No webhook " + id);
        return null;
    }
}
