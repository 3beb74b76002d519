package org.calmdesk.events.internal.rest;

import java.util.List;

import org.calmdesk.events.api.EventFeed;
import org.calmdesk.events.api.WebhookService;
import org.calmdesk.rest.RestEndpoint;
import org.calmdesk.rest.RestPublisher;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Owns the events module's CXF server: up while this bundle runs, gone when it stops. */
@Component(service = EventsRestComponent.class, immediate = true, property = "osgi.jaxrs.resource=true")
public class EventsRestComponent {

    private final RestEndpoint feedEndpoint;
    private final RestEndpoint webhooksEndpoint;

    @Activate
    public EventsRestComponent(@Reference RestPublisher publisher, @Reference EventFeed feed, @Reference WebhookService webhooks) {
        feedEndpoint = publisher.publish("events", "/v1/events", List.of(new EventFeedResource(feed)));
        webhooksEndpoint = publisher.publish("events", "/v1/webhooks", List.of(new WebhookResource(webhooks)));
    }

    @Deactivate
    void deactivate() {
        webhooksEndpoint.close();
        feedEndpoint.close();
    }
}
