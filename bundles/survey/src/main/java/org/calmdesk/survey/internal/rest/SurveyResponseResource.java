package org.calmdesk.survey.internal.rest;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
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
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.parameters.RequestBody;

/**
 * {@code /api/v1/survey-responses/{token}}: the customer's side, open (the token is the
 * credential), with unknown-token guesses limited per client address, requests for a real token
 * limited per token, and a small body cap.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "survey")
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

    /** {@code {"answers": {"csat": 5, "comment": "..."}}}, for the document: the body is read by {@link SubmissionReader}. */
    @Schema(name = "SurveySubmission")
    public record Submission(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Question key to answer: a number for "
                    + "CSAT (1-5), NPS (0-10) and RATING, one of the options for CHOICE, text for TEXT",
                    example = "{\"csat\": 2, \"nps\": 3, \"comment\": \"退款太慢\"}")
            Map<String, Object> answers) {
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
    @Operation(operationId = "getSurveyForm", summary = "The questions behind an invitation token (open): 404 unknown, 410 expired, 409 answered")
    @ApiResponse(responseCode = "200", description = "The questions",
            content = @Content(schema = @Schema(implementation = SurveyForm.class)))
    @ApiResponse(responseCode = "409", description = "Already answered")
    @ApiResponse(responseCode = "410", description = "The invitation has expired")
    public SurveyForm form(@PathParam("token") String token, @Context HttpServletRequest request) {
        return guard.guarded(token, request, () -> surveys.form(token));
    }

    @POST
    @Path("{token}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "answerSurvey", summary = "Answer once (open): 201; a second answer 409, expired 410, missing or out-of-range answers 400")
    @ApiResponse(responseCode = "201", description = "Recorded", headers = @Header(name = "Location"),
            content = @Content(schema = @Schema(implementation = Receipt.class)))
    @ApiResponse(responseCode = "409", description = "Already answered")
    @ApiResponse(responseCode = "410", description = "The invitation has expired")
    public Response answer(@PathParam("token") String token,
            @RequestBody(required = true, content = @Content(schema = @Schema(implementation = Submission.class))) InputStream body,
            @Context HttpServletRequest request) {
        var submission = SubmissionReader.read(body, guard.maxBodyBytes());
        SurveyAnswer answer = guard.guarded(token, request, () -> surveys.answer(token, submission));
        return Response.created(URI.create(token)).entity(new Receipt(answer.id(), answer.respondedAt())).build();
    }
}
