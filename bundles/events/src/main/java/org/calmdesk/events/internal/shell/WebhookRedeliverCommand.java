package org.calmdesk.events.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.calmdesk.events.api.Delivery;
import org.calmdesk.events.api.WebhookService;

@Command(scope = "calmdesk", name = "webhook-redeliver", description = "Sends a delivery again now, with a fresh retry period")
@Service
public class WebhookRedeliverCommand implements Action {

    @Reference
    WebhookService webhooks;

    @Argument(index = 0, name = "webhook", required = true, description = "The webhook")
    @Completion(WebhookIdCompleter.class)
    String webhookId;

    @Argument(index = 1, name = "delivery", required = true, description = "The delivery (see calmdesk:webhook-deliveries)")
    String deliveryId;

    @Override
    public Object execute() {
        Delivery delivery = webhooks.redeliver(webhookId, deliveryId);
        System.out.println("Delivery " + delivery.id() + " of event " + delivery.eventId() + " is " + delivery.status() + " again");
        return null;
    }
}
