package org.calmdesk.survey.internal.rest;

import java.util.List;
import java.util.function.Supplier;

import javax.servlet.http.HttpServletRequest;

import org.calmdesk.rest.RestEndpoint;
import org.calmdesk.rest.RestPublisher;
import org.calmdesk.survey.api.SurveyService;
import org.calmdesk.survey.internal.OpenEndpointPolicy;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Owns the survey module's two CXF servers (templates and the open answer side): up while this bundle runs. */
@Component(service = SurveyRestComponent.class, immediate = true, property = "osgi.jaxrs.resource=true")
public class SurveyRestComponent {

    private final RestEndpoint surveysEndpoint;
    private final RestEndpoint responsesEndpoint;

    @Activate
    public SurveyRestComponent(@Reference RestPublisher publisher, @Reference SurveyService surveys,
            @Reference OpenEndpointPolicy openPolicy) {
        surveysEndpoint = publisher.publish("survey", "/v1/surveys", List.of(new SurveyResource(surveys)));
        responsesEndpoint = publisher.publish("survey", "/v1/survey-responses",
                List.of(new SurveyResponseResource(surveys, new SurveyResponseResource.OpenEndpointGuard() {
                    @Override
                    public <T> T guarded(String token, HttpServletRequest request, Supplier<T> lookup) {
                        return openPolicy.guarded(token,
                                openPolicy.clientAddress(request.getRemoteAddr(), request.getHeader("X-Forwarded-For")), lookup);
                    }

                    @Override
                    public int maxBodyBytes() {
                        return openPolicy.maxAnswerBytes();
                    }
                })));
    }

    @Deactivate
    void deactivate() {
        responsesEndpoint.close();
        surveysEndpoint.close();
    }
}
