package org.calmdesk.ticket.internal.rest;

import java.net.URI;
import java.util.List;

import javax.validation.constraints.NotNull;
import javax.validation.constraints.Size;
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
import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.rest.ETags;
import org.calmdesk.rest.RequestParams;
import org.calmdesk.ticket.api.Comment;
import org.calmdesk.ticket.api.CommentDraft;
import org.calmdesk.ticket.api.Guidance;
import org.calmdesk.ticket.api.HistoryEntry;
import org.calmdesk.ticket.api.Priority;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketCategory;
import org.calmdesk.ticket.api.TicketDraft;
import org.calmdesk.ticket.api.TicketMerge;
import org.calmdesk.ticket.api.TicketQuery;
import org.calmdesk.ticket.api.TicketService;
import org.calmdesk.ticket.api.TicketSplit;
import org.calmdesk.ticket.api.TicketStats;
import org.calmdesk.ticket.api.TicketStatus;
import org.calmdesk.ticket.api.Transition;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code /api/v1/tickets}: the "Tickets" section of the REST contract. External CRMs open and read
 * tickets; moving, assigning, pausing and commenting is agents' work.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "ticket", description = "Complaint tickets: the five-step flow for angry customers (NEW, ACKNOWLEDGED, "
        + "INVESTIGATING, SOLUTION_PROPOSED, RESOLVED, CLOSED; REOPENED), SLA clocks, priority, guidance")
public class TicketResource {

    private final TicketService tickets;
    private final BeanValidator validator;

    public TicketResource(TicketService tickets, BeanValidator validator) {
        this.tickets = tickets;
        this.validator = validator;
    }

    /** {@code PUT /tickets/{id}/assignee}; null or blank unassigns. */
    public record AssigneeChange(@Size(max = 100) String assignee) {
    }

    /** {@code POST /tickets/{id}/waiting}. */
    public record WaitingChange(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotNull Boolean waiting) {
    }

    @POST
    @Operation(operationId = "createTicket", summary = "Open a ticket; emotion analysed and priority derived when not given")
    @ApiResponse(responseCode = "201", description = "Opened", headers = { @Header(name = "Location"), @Header(name = "ETag") },
            content = @Content(schema = @Schema(implementation = Ticket.class)))
    public Response create(TicketDraft draft, @Context SecurityContext security) {
        Ticket created = tickets.create(draft, RequestParams.actor(security));
        return ETags.ok(created, created.version()).status(Response.Status.CREATED)
                .location(URI.create(created.id())).build();
    }

    @GET
    @Operation(operationId = "listTickets", summary = "List tickets, newest first, filtered; keyset-paged")
    public Page<Ticket> list(
            @Parameter(schema = @Schema(implementation = TicketStatus.class)) @QueryParam("status") String status,
            @QueryParam("customerId") String customerId,
            @Parameter(schema = @Schema(implementation = TicketCategory.class)) @QueryParam("category") String category,
            @Parameter(schema = @Schema(implementation = Priority.class)) @QueryParam("priority") String priority,
            @QueryParam("assignee") String assignee,
            @Parameter(description = "Only tickets that missed (true) or kept (false) an SLA target",
                    schema = @Schema(type = "boolean")) @QueryParam("breached") String breached,
            @Parameter(description = "Text in the subject, description or number") @QueryParam("q") String q,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        TicketQuery query = new TicketQuery(RequestParams.enumValue(TicketStatus.class, "status", status), customerId,
                RequestParams.enumValue(TicketCategory.class, "category", category),
                RequestParams.enumValue(Priority.class, "priority", priority), assignee, RequestParams.bool("breached", breached), q);
        return tickets.list(query, PageRequest.of(RequestParams.limit(limit), cursor));
    }

    @GET
    @Path("stats")
    @Operation(operationId = "getTicketStats", summary = "Counts by status, category, emotion and priority; breach rate; median times (tickets opened in [from, to), default the last 30 days)")
    public TicketStats stats(
            @Parameter(schema = @Schema(type = "string", format = "date-time")) @QueryParam("from") String from,
            @Parameter(schema = @Schema(type = "string", format = "date-time")) @QueryParam("to") String to) {
        return tickets.stats(RequestParams.instant("from", from), RequestParams.instant("to", to));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getTicket", summary = "Read a ticket by id or by number (CD-000042)")
    @ApiResponse(responseCode = "200", description = "The ticket", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = Ticket.class)))
    public Response get(@PathParam("id") String id) {
        Ticket ticket = tickets.findByIdOrNumber(id).orElseThrow(() -> new NotFoundException("Ticket", id));
        return ETags.ok(ticket, ticket.version()).build();
    }

    @POST
    @Path("{id}/transitions")
    @Operation(operationId = "moveTicket", summary = "Move the ticket along the five-step flow; any other move is a 409 listing the allowed ones")
    @ApiResponse(responseCode = "200", description = "The moved ticket", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = Ticket.class)))
    @ApiResponse(responseCode = "409", description = "Not a move the flow allows from the current status "
            + "(members currentStatus and allowed), or RESOLVED without resolution.summary")
    public Response transition(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            Transition transition, @Context SecurityContext security) {
        Ticket moved = tickets.transition(id, transition, ETags.expectedVersion(ifMatch), RequestParams.actor(security));
        return ETags.ok(moved, moved.version()).build();
    }

    @PUT
    @Path("{id}/assignee")
    @Operation(operationId = "assignTicket", summary = "Assign the ticket (null unassigns); honours If-Match")
    @ApiResponse(responseCode = "200", description = "The assigned ticket", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = Ticket.class)))
    public Response assign(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            AssigneeChange change, @Context SecurityContext security) {
        validator.validate(change);
        Ticket assigned = tickets.assign(id, change.assignee(), ETags.expectedVersion(ifMatch), RequestParams.actor(security));
        return ETags.ok(assigned, assigned.version()).build();
    }

    @POST
    @Path("{id}/waiting")
    @Operation(operationId = "setTicketWaiting", summary = "Pause (true) or resume (false) the SLA clocks while the ticket waits on the customer")
    @ApiResponse(responseCode = "200", description = "The ticket", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = Ticket.class)))
    public Response waiting(@PathParam("id") String id, WaitingChange change, @Context SecurityContext security) {
        validator.validate(change);
        Ticket ticket = tickets.setWaiting(id, change.waiting(), RequestParams.actor(security));
        return ETags.ok(ticket, ticket.version()).build();
    }

    @POST
    @Path("{id}/comments")
    @Operation(operationId = "addTicketComment", summary = "Add a comment; internal unless internal=false")
    @ApiResponse(responseCode = "201", description = "Added", headers = @Header(name = "Location"),
            content = @Content(schema = @Schema(implementation = Comment.class)))
    public Response comment(@PathParam("id") String id, CommentDraft draft, @Context SecurityContext security) {
        Comment comment = tickets.comment(id, draft, RequestParams.actor(security));
        return Response.created(URI.create(id + "/comments/" + comment.id())).entity(comment).build();
    }

    @GET
    @Path("{id}/comments")
    @Operation(operationId = "listTicketComments", summary = "The ticket's comments, oldest first, with those of the tickets "
            + "merged into it (each names its ticketId)")
    public Items<Comment> comments(@PathParam("id") String id) {
        return new Items<>(tickets.comments(id));
    }

    @GET
    @Path("{id}/history")
    @Operation(operationId = "getTicketHistory", summary = "Every change: at, actor, action, from, to, note; oldest first, keyset-paged")
    public Page<HistoryEntry> history(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return tickets.history(id, PageRequest.of(RequestParams.limit(limit), cursor));
    }

    @POST
    @Path("{id}/merge")
    @Operation(operationId = "mergeTickets", summary = "Close each of sourceIds as merged into this ticket (mergedInto on the source, "
            + "its comments listed with this ticket's, its open follow-ups cancelled and pending survey invitations expired; "
            + "crm-admin, crm-agent). Idempotent")
    @ApiResponse(responseCode = "200", description = "The ticket merged into (the target)", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = Ticket.class)))
    @ApiResponse(responseCode = "400", description = "No sourceIds, or the ticket itself among them")
    @ApiResponse(responseCode = "404", description = "No such ticket (target or source)")
    @ApiResponse(responseCode = "409", description = "The target or a source is CLOSED or merged (members currentStatus, "
            + "ticketId and mergedInto), or a source belongs to another customer")
    public Response merge(@PathParam("id") String id, TicketMerge merge, @Context SecurityContext security) {
        Ticket target = tickets.merge(id, merge, RequestParams.actor(security));
        return ETags.ok(target, target.version()).build();
    }

    @POST
    @Path("{id}/split")
    @Operation(operationId = "splitTicket", summary = "Open a new ticket for the same customer split off this one (splitFrom; "
            + "same channel and category, NEW with its own SLA), moving the named comments to it")
    @ApiResponse(responseCode = "201", description = "The new ticket", headers = { @Header(name = "Location"), @Header(name = "ETag") },
            content = @Content(schema = @Schema(implementation = Ticket.class)))
    @ApiResponse(responseCode = "400", description = "No subject, or a comment that is not this ticket's")
    @ApiResponse(responseCode = "404", description = "No such ticket")
    @ApiResponse(responseCode = "409", description = "The ticket was merged into another (members currentStatus and mergedInto)")
    public Response split(@PathParam("id") String id, TicketSplit split, @Context SecurityContext security) {
        Ticket created = tickets.split(id, split, RequestParams.actor(security));
        return ETags.ok(created, created.version()).status(Response.Status.CREATED)
                .location(URI.create(created.id())).build();
    }

    @GET
    @Path("{id}/guidance")
    @Operation(operationId = "getTicketGuidance", summary = "The playbook for this ticket: strategy, current step, what to do and say, pitfalls, articles")
    public Guidance guidance(@PathParam("id") String id) {
        return tickets.guidance(id);
    }

    /** A whole (short) list: {@code {"items": [...]}}. */
    public record Items<T>(List<T> items) {
    }


}
