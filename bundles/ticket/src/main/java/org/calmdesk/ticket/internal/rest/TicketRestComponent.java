package org.calmdesk.ticket.internal.rest;

import java.util.List;

import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.rest.RestEndpoint;
import org.calmdesk.rest.RestPublisher;
import org.calmdesk.ticket.api.TicketService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Owns the ticket module's CXF server: up while this bundle runs, gone when it stops. */
@Component(service = TicketRestComponent.class, immediate = true, property = "osgi.jaxrs.resource=true")
public class TicketRestComponent {

    private final RestEndpoint endpoint;

    @Activate
    public TicketRestComponent(@Reference RestPublisher publisher, @Reference TicketService tickets,
            @Reference BeanValidator validator) {
        endpoint = publisher.publish("ticket", "/v1/tickets", List.of(new TicketResource(tickets, validator)));
    }

    @Deactivate
    void deactivate() {
        endpoint.close();
    }
}
