package org.calmdesk.followup.internal.rest;

import java.net.URI;
import java.time.Instant;

import javax.validation.constraints.NotNull;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.followup.api.Completion;
import org.calmdesk.followup.api.FollowUp;
import org.calmdesk.followup.api.FollowUpDraft;
import org.calmdesk.followup.api.FollowUpQuery;
import org.calmdesk.followup.api.FollowUpService;
import org.calmdesk.followup.api.FollowUpStats;
import org.calmdesk.followup.api.FollowUpStatus;
import org.calmdesk.rest.ETags;
import org.calmdesk.rest.RequestParams;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/followups}: the "Follow-ups" section of the REST contract. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "followup", description = "Follow-ups: the promised call-back of every resolved complaint, recurring "
        + "visits, overdue detection, promises-kept statistics")
public class FollowUpResource {

    private final FollowUpService followUps;
    private final BeanValidator validator;

    public FollowUpResource(FollowUpService followUps, BeanValidator validator) {
        this.followUps = followUps;
        this.validator = validator;
    }

    /** {@code POST /followups/{id}/reschedule}. */
    public record Reschedule(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotNull Instant dueAt) {
    }

    @POST
    @Operation(operationId = "createFollowUp", summary = "Schedule a follow-up (optionally recurring, e.g. recurrence P30D)")
    @ApiResponse(responseCode = "201", description = "Scheduled", headers = { @Header(name = "Location"), @Header(name = "ETag") },
            content = @Content(schema = @Schema(implementation = FollowUp.class)))
    public Response create(FollowUpDraft draft, @Context SecurityContext security) {
        FollowUp created = followUps.create(draft, RequestParams.actor(security));
        return ETags.ok(created, created.version()).status(Response.Status.CREATED).location(URI.create(created.id())).build();
    }

    @GET
    @Operation(operationId = "listFollowUps", summary = "List follow-ups, soonest due first, filtered; keyset-paged")
    public Page<FollowUp> list(
            @Parameter(schema = @Schema(implementation = FollowUpStatus.class)) @QueryParam("status") String status,
            @QueryParam("assignee") String assignee,
            @QueryParam("customerId") String customerId, @QueryParam("ticketId") String ticketId,
            @Parameter(schema = @Schema(type = "string", format = "date-time")) @QueryParam("dueBefore") String dueBefore, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return followUps.list(new FollowUpQuery(RequestParams.enumValue(FollowUpStatus.class, "status", status), assignee,
                customerId, ticketId, RequestParams.instant("dueBefore", dueBefore)), PageRequest.of(RequestParams.limit(limit), cursor));
    }

    @GET
    @Path("stats")
    @Operation(operationId = "getFollowUpStats", summary = "Promises kept: follow-ups due in [from, to) kept on time, late, missed, by assignee (default the last 30 days)")
    public FollowUpStats stats(
            @Parameter(schema = @Schema(type = "string", format = "date-time")) @QueryParam("from") String from,
            @Parameter(schema = @Schema(type = "string", format = "date-time")) @QueryParam("to") String to) {
        return followUps.stats(RequestParams.instant("from", from), RequestParams.instant("to", to));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getFollowUp", summary = "Read a follow-up")
    @ApiResponse(responseCode = "200", description = "The follow-up", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = FollowUp.class)))
    public Response get(@PathParam("id") String id) {
        FollowUp followUp = followUps.find(id).orElseThrow(() -> new NotFoundException("Follow-up", id));
        return ETags.ok(followUp, followUp.version()).build();
    }

    @POST
    @Path("{id}/complete")
    @Operation(operationId = "completeFollowUp", summary = "Record the outcome; satisfied closes the ticket, not satisfied reopens it; a recurring one schedules the next")
    @ApiResponse(responseCode = "200", description = "The completed follow-up", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = FollowUp.class)))
    @ApiResponse(responseCode = "409", description = "The follow-up is no longer open (member currentStatus)")
    public Response complete(@PathParam("id") String id, Completion completion, @Context SecurityContext security) {
        FollowUp done = followUps.complete(id, completion, RequestParams.actor(security));
        return ETags.ok(done, done.version()).build();
    }

    @POST
    @Path("{id}/cancel")
    @Operation(operationId = "cancelFollowUp", summary = "Cancel an open follow-up (a recurring series stops)")
    @ApiResponse(responseCode = "200", description = "The cancelled follow-up", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = FollowUp.class)))
    @ApiResponse(responseCode = "409", description = "The follow-up is no longer open (member currentStatus)")
    public Response cancel(@PathParam("id") String id, @Context SecurityContext security) {
        FollowUp cancelled = followUps.cancel(id, RequestParams.actor(security));
        return ETags.ok(cancelled, cancelled.version()).build();
    }

    @POST
    @Path("{id}/reschedule")
    @Operation(operationId = "rescheduleFollowUp", summary = "Move an open follow-up to a new due time")
    @ApiResponse(responseCode = "200", description = "The rescheduled follow-up", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = FollowUp.class)))
    @ApiResponse(responseCode = "409", description = "The follow-up is no longer open (member currentStatus)")
    public Response reschedule(@PathParam("id") String id, Reschedule reschedule, @Context SecurityContext security) {
        validator.validate(reschedule);
        FollowUp moved = followUps.reschedule(id, reschedule.dueAt(), RequestParams.actor(security));
        return ETags.ok(moved, moved.version()).build();
    }

}
