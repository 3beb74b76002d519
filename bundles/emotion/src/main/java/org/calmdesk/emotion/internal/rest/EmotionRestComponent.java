package org.calmdesk.emotion.internal.rest;

import java.util.List;

import org.calmdesk.emotion.internal.EmotionModule;
import org.calmdesk.rest.RestEndpoint;
import org.calmdesk.rest.RestPublisher;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Owns the emotion module's two CXF servers, {@code /v1/emotion} and {@code /v1/agents}: up
 * while this bundle runs, gone when it stops. {@code /emotion/analyze} answers with the
 * highest-ranked analyzer, so a client's own analyzer shows here too.
 */
@Component(service = EmotionRestComponent.class, immediate = true, property = "osgi.jaxrs.resource=true")
public class EmotionRestComponent {

    private final RestEndpoint emotion;
    private final RestEndpoint agents;

    @Activate
    public EmotionRestComponent(@Reference RestPublisher publisher, @Reference EmotionModule module) {
        emotion = publisher.publish("emotion", "/v1/emotion", List.of(new EmotionResource(module::analyzer,
                module::maxTextLength)));
        agents = publisher.publish("emotion", "/v1/agents", List.of(new AgentResource(module::exposure, module::today)));
    }

    @Deactivate
    void deactivate() {
        try {
            emotion.close();
        } finally {
            agents.close();
        }
    }
}
