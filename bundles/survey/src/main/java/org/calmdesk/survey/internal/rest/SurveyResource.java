package org.calmdesk.survey.internal.rest;

import java.net.URI;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.rest.ETags;
import org.calmdesk.rest.RequestParams;
import org.calmdesk.survey.api.Invitation;
import org.calmdesk.survey.api.InvitationDraft;
import org.calmdesk.survey.api.InvitationQuery;
import org.calmdesk.survey.api.InvitationStatus;
import org.calmdesk.survey.api.Survey;
import org.calmdesk.survey.api.SurveyDraft;
import org.calmdesk.survey.api.SurveyReport;
import org.calmdesk.survey.api.SurveyService;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code /api/v1/surveys}: templates (configuration: crm-admin), invitations (agents and CRMs)
 * and reports.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "survey", description = "Feedback surveys: templates (CSAT, NPS, rating, choice, text), token invitations, "
        + "the open answer side (/survey-responses/{token}) and reports")
public class SurveyResource {

    private final SurveyService surveys;

    public SurveyResource(SurveyService surveys) {
        this.surveys = surveys;
    }

    /** A whole (short) list: {@code {"items": [...]}}. */
    public record Items<T>(List<T> items) {
    }

    @POST
    @Operation(operationId = "createSurvey", summary = "Create a survey template (crm-admin)")
    @ApiResponse(responseCode = "201", description = "Created", headers = { @Header(name = "Location"), @Header(name = "ETag") },
            content = @Content(schema = @Schema(implementation = Survey.class)))
    public Response create(SurveyDraft draft, @Context SecurityContext security) {
        Survey created = surveys.create(draft, RequestParams.actor(security));
        return ETags.ok(created, created.version()).status(Response.Status.CREATED).location(URI.create(created.id())).build();
    }

    @GET
    @Operation(operationId = "listSurveys", summary = "List survey templates")
    public Items<Survey> list() {
        return new Items<>(surveys.list());
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getSurvey", summary = "Read a survey template (its current revision)")
    @ApiResponse(responseCode = "200", description = "The template", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = Survey.class)))
    public Response get(@PathParam("id") String id) {
        Survey survey = surveys.find(id).orElseThrow(() -> new NotFoundException("Survey", id));
        return ETags.ok(survey, survey.version()).build();
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "updateSurvey", summary = "Replace a template (crm-admin); changed questions make a new revision, old answers keep theirs")
    @ApiResponse(responseCode = "200", description = "The updated template", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = Survey.class)))
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, SurveyDraft draft,
            @Context SecurityContext security) {
        Survey updated = surveys.update(id, draft, ETags.expectedVersion(ifMatch), RequestParams.actor(security));
        return ETags.ok(updated, updated.version()).build();
    }

    @POST
    @Path("{id}/invitations")
    @Operation(operationId = "inviteToSurvey", summary = "Invite a customer; the answer link carries the returned token")
    @ApiResponse(responseCode = "201", description = "Invited", headers = @Header(name = "Location"),
            content = @Content(schema = @Schema(implementation = Invitation.class)))
    @ApiResponse(responseCode = "409", description = "The survey is not active")
    public Response invite(@PathParam("id") String id, InvitationDraft draft, @Context SecurityContext security) {
        Invitation invitation = surveys.invite(id, draft, RequestParams.actor(security));
        return Response.created(URI.create(id + "/invitations/" + invitation.id())).entity(invitation).build();
    }

    @GET
    @Path("{id}/invitations")
    @Operation(operationId = "listSurveyInvitations", summary = "A survey's invitations, newest first, filtered; keyset-paged")
    public Page<Invitation> invitations(@PathParam("id") String id, @QueryParam("customerId") String customerId,
            @QueryParam("ticketId") String ticketId,
            @Parameter(schema = @Schema(implementation = InvitationStatus.class)) @QueryParam("status") String status, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return surveys.invitations(id, new InvitationQuery(customerId, ticketId,
                RequestParams.enumValue(InvitationStatus.class, "status", status)), PageRequest.of(RequestParams.limit(limit), cursor));
    }

    @GET
    @Path("{id}/report")
    @Operation(operationId = "getSurveyReport", summary = "Invited, responded, CSAT, NPS, breakdown by ticket category, free text, emotion shift (default the last 30 days)")
    public SurveyReport report(@PathParam("id") String id,
            @Parameter(schema = @Schema(type = "string", format = "date-time")) @QueryParam("from") String from,
            @Parameter(schema = @Schema(type = "string", format = "date-time")) @QueryParam("to") String to) {
        return surveys.report(id, RequestParams.instant("from", from), RequestParams.instant("to", to));
    }

}
