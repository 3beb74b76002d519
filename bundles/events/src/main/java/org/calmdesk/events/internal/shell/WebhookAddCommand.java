package org.calmdesk.events.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.calmdesk.events.api.CreatedWebhook;
import org.calmdesk.events.api.WebhookDraft;
import org.calmdesk.events.api.WebhookService;
import org.calmdesk.rest.shell.ShellActor;

@Command(scope = "calmdesk", name = "webhook-add", description = "Subscribes a URL to topics and prints its signing secret, once")
@Service
public class WebhookAddCommand implements Action {

    @Reference
    WebhookService webhooks;

    @Argument(index = 0, name = "url", required = true, description = "Where deliveries are POSTed (http or https)")
    String url;

    @Option(name = "--topic", aliases = "-t", multiValued = true, required = true,
            description = "A topic or a prefix ending in * (calmdesk/ticket/*); repeat for several")
    @Completion(TopicCompleter.class)
    List<String> topics;

    @Option(name = "--description", aliases = "-d", description = "What the webhook is for")
    String description;

    @Override
    public Object execute() {
        CreatedWebhook created = webhooks.create(new WebhookDraft(url, topics, description, true), ShellActor.current());
        System.out.println("Webhook " + created.id() + " created for " + String.join(" ", created.topics()));
        System.out.println("Signing secret (shown only now): " + created.secret());
        return null;
    }
}
