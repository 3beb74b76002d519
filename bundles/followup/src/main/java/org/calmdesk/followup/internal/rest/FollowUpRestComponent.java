package org.calmdesk.followup.internal.rest;

import java.util.List;

import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.followup.api.FollowUpService;
import org.calmdesk.rest.RestEndpoint;
import org.calmdesk.rest.RestPublisher;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Owns the follow-up module's CXF server: up while this bundle runs, gone when it stops. */
@Component(service = FollowUpRestComponent.class, immediate = true, property = "osgi.jaxrs.resource=true")
public class FollowUpRestComponent {

    private final RestEndpoint endpoint;

    @Activate
    public FollowUpRestComponent(@Reference RestPublisher publisher, @Reference FollowUpService followUps,
            @Reference BeanValidator validator) {
        endpoint = publisher.publish("followup", "/v1/followups", List.of(new FollowUpResource(followUps, validator)));
    }

    @Deactivate
    void deactivate() {
        endpoint.close();
    }
}
