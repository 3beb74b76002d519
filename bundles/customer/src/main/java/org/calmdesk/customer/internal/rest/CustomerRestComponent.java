package org.calmdesk.customer.internal.rest;

import java.util.List;

import org.calmdesk.customer.api.CustomerService;
import org.calmdesk.customer.internal.CustomerTimeline;
import org.calmdesk.rest.RestEndpoint;
import org.calmdesk.rest.RestPublisher;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Owns the customer module's CXF server: up while this bundle runs, gone when it stops. */
@Component(service = CustomerRestComponent.class, immediate = true, property = "osgi.jaxrs.resource=true")
public class CustomerRestComponent {

    private final RestEndpoint endpoint;

    @Activate
    public CustomerRestComponent(@Reference RestPublisher publisher, @Reference CustomerService customers,
            @Reference CustomerTimeline timeline) {
        endpoint = publisher.publish("customer", "/v1/customers", List.of(new CustomerResource(customers, timeline)));
    }

    @Deactivate
    void deactivate() {
        endpoint.close();
    }
}
