package org.calmdesk.survey.internal.rest;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.function.Supplier;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.calmdesk.core.error.TooManyRequestsException;
import org.calmdesk.survey.api.SurveyAnswer;
import org.calmdesk.survey.api.SurveyForm;
import org.calmdesk.survey.api.SurveyService;

import io.swagger.v3.oas.annotations.Operation;

/**
 * {@code /api/v1/survey-responses/{token}}: the customer's side, open (the token is the
 * credential), with unknown-token guesses limited per client address, requests for a real token
 * limited per token, and a small body cap.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class SurveyResponseResource {

    private final SurveyService surveys;
    private final OpenEndpointGuard guard;

    public SurveyResponseResource(SurveyService surveys, OpenEndpointGuard guard) {
        this.surveys = surveys;
        this.guard = guard;
    }

    /** What the customer gets back: the answer's id and time, nothing about anyone. */
    public record Receipt(String id, Instant respondedAt) {
    }

    /** The guard of the open endpoints, supplied by the REST component from the live policy. */
    public interface OpenEndpointGuard {
        /**
         * Runs the lookup of {@code token} under the open endpoints' allowances.
         *
         * @throws TooManyRequestsException when the token, or the address's unknown-token guesses, are over their allowance
         */
        <T> T guarded(String token, HttpServletRequest request, Supplier<T> lookup);

        int maxBodyBytes();
    }

    @GET
    @Path("{token}")
    @Operation(summary = "The questions behind an invitation token (open): 404 unknown, 410 expired, 409 answered")
    public SurveyForm form(@PathParam("token") String token, @Context HttpServletRequest request) {
        return guard.guarded(token, request, () -> surveys.form(token));
    }

    @POST
    @Path("{token}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer once (open): 201; a second answer 409, expired 410, missing or out-of-range answers 400")
    public Response answer(@PathParam("token") String token, InputStream body, @Context HttpServletRequest request) {
        var submission = SubmissionReader.read(body, guard.maxBodyBytes());
        SurveyAnswer answer = guard.guarded(token, request, () -> surveys.answer(token, submission));
        return Response.created(URI.create(token)).entity(new Receipt(answer.id(), answer.respondedAt())).build();
    }
}
