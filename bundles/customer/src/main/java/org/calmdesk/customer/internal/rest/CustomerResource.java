package org.calmdesk.customer.internal.rest;

import java.net.URI;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
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
import org.calmdesk.core.error.ValidationException;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.customer.api.Customer;
import org.calmdesk.customer.api.CustomerDraft;
import org.calmdesk.customer.api.CustomerQuery;
import org.calmdesk.customer.api.CustomerService;
import org.calmdesk.customer.api.DuplicateCandidate;
import org.calmdesk.customer.api.Interaction;
import org.calmdesk.customer.api.InteractionDraft;
import org.calmdesk.customer.api.Temperament;
import org.calmdesk.customer.api.UpsertResult;
import org.calmdesk.customer.internal.CustomerTimeline;
import org.calmdesk.rest.ETags;
import org.calmdesk.rest.RequestParams;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/customers}: the "Customers" section of the REST contract. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "customer", description = "Customer records: contacts, the client CRM's own id (externalRef), "
        + "interactions on every channel, a timeline the other modules contribute to, erasure")
public class CustomerResource {

    private static final int MAX_TIMELINE = 500;

    private final CustomerService customers;
    private final CustomerTimeline timeline;

    public CustomerResource(CustomerService customers, CustomerTimeline timeline) {
        this.customers = customers;
        this.timeline = timeline;
    }

    // Relative Location URIs resolve against the server's base, /api/v1/customers/.

    @POST
    @Operation(operationId = "createCustomer", summary = "Create a customer")
    @ApiResponse(responseCode = "201", description = "Created", headers = { @Header(name = "Location"), @Header(name = "ETag") },
            content = @Content(schema = @Schema(implementation = Customer.class)))
    @ApiResponse(responseCode = "409", description = "Another customer has this externalRef")
    public Response create(CustomerDraft draft, @Context SecurityContext security) {
        Customer created = customers.create(draft, RequestParams.actor(security));
        return ETags.ok(created, created.version()).status(Response.Status.CREATED)
                .location(URI.create(created.id())).build();
    }

    @GET
    @Operation(operationId = "listCustomers", summary = "List live customers, filtered; keyset-paged")
    public Page<Customer> list(
            @Parameter(description = "Matches name, email, phone or externalRef") @QueryParam("q") String q,
            @Parameter(schema = @Schema(implementation = Temperament.class)) @QueryParam("temperament") String temperament,
            @QueryParam("segment") String segment, @QueryParam("tag") String tag,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return customers.list(new CustomerQuery(q, RequestParams.enumValue(Temperament.class, "temperament", temperament), segment, tag),
                PageRequest.of(RequestParams.limit(limit), cursor));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getCustomer", summary = "Read a customer (an erased one is an anonymous tombstone)")
    @ApiResponse(responseCode = "200", description = "The customer", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = Customer.class)))
    public Response get(@PathParam("id") String id) {
        Customer customer = customers.find(id).orElseThrow(() -> new NotFoundException("Customer", id));
        return ETags.ok(customer, customer.version()).build();
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "updateCustomer", summary = "Replace a customer's writable fields; honours If-Match")
    @ApiResponse(responseCode = "200", description = "The updated customer", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = Customer.class)))
    @ApiResponse(responseCode = "409", description = "Another customer has this externalRef")
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            CustomerDraft draft, @Context SecurityContext security) {
        Customer updated = customers.update(id, draft, ETags.expectedVersion(ifMatch), RequestParams.actor(security));
        return ETags.ok(updated, updated.version()).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "eraseCustomer", summary = "Erase a customer's personal data, keeping an anonymous tombstone (crm-admin)")
    @ApiResponse(responseCode = "204", description = "Erased")
    public Response erase(@PathParam("id") String id, @Context SecurityContext security) {
        customers.erase(id, RequestParams.actor(security));
        return Response.noContent().build();
    }

    @GET
    @Path("external/{externalRef}")
    @Operation(operationId = "getCustomerByExternalRef", summary = "Read the customer a CRM knows by its own id")
    @ApiResponse(responseCode = "200", description = "The customer", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = Customer.class)))
    public Response getByExternalRef(@PathParam("externalRef") String externalRef) {
        Customer customer = customers.findByExternalRef(externalRef)
                .orElseThrow(() -> new NotFoundException("Customer with externalRef", externalRef));
        return ETags.ok(customer, customer.version()).build();
    }

    @PUT
    @Path("external/{externalRef}")
    @Operation(operationId = "upsertCustomerByExternalRef", summary = "Idempotent upsert by the CRM's own id: 201 when created, 200 when updated")
    @ApiResponse(responseCode = "200", description = "Updated", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = Customer.class)))
    @ApiResponse(responseCode = "201", description = "Created", headers = { @Header(name = "Location"), @Header(name = "ETag") },
            content = @Content(schema = @Schema(implementation = Customer.class)))
    public Response upsert(@PathParam("externalRef") String externalRef, CustomerDraft draft,
            @Context SecurityContext security) {
        UpsertResult result = customers.upsertByExternalRef(externalRef, draft, RequestParams.actor(security));
        Customer customer = result.customer();
        Response.ResponseBuilder response = ETags.ok(customer, customer.version());
        return result.created()
                ? response.status(Response.Status.CREATED).location(URI.create(customer.id())).build()
                : response.build();
    }

    @POST
    @Path("{id}/interactions")
    @Operation(operationId = "recordInteraction", summary = "Record a service interaction on any channel")
    @ApiResponse(responseCode = "201", description = "Recorded", headers = @Header(name = "Location"),
            content = @Content(schema = @Schema(implementation = Interaction.class)))
    public Response recordInteraction(@PathParam("id") String id, InteractionDraft draft,
            @Context SecurityContext security) {
        Interaction interaction = customers.recordInteraction(id, draft, RequestParams.actor(security));
        return Response.created(URI.create(id + "/interactions/" + interaction.id())).entity(interaction).build();
    }

    @GET
    @Path("{id}/interactions")
    @Operation(operationId = "listInteractions", summary = "A customer's interactions, newest first; keyset-paged")
    public Page<Interaction> interactions(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return customers.interactions(id, PageRequest.of(RequestParams.limit(limit), cursor));
    }

    @GET
    @Path("{id}/interactions/{interactionId}")
    @Operation(operationId = "getInteraction", summary = "One interaction")
    public Interaction interaction(@PathParam("id") String id, @PathParam("interactionId") String interactionId) {
        return customers.findInteraction(id, interactionId)
                .orElseThrow(() -> new NotFoundException("Interaction", interactionId));
    }

    /** The body of a merge: the customer to merge into the one of the path. */
    @Schema(name = "CustomerMergeRequest")
    public record MergeRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String sourceId) {
    }

    /** Ranked duplicate candidates. */
    @Schema(name = "DuplicateCandidates")
    public record Candidates(List<DuplicateCandidate> items) {
    }

    @POST
    @Path("{id}/merge")
    @Operation(operationId = "mergeCustomer", summary = "Merge the customer sourceId into this one: every installed module moves "
            + "the source's records here; the source stays as a tombstone with mergedInto (crm-admin, crm-agent). Idempotent")
    @ApiResponse(responseCode = "200", description = "The customer merged into (the target)", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = Customer.class)))
    @ApiResponse(responseCode = "400", description = "No sourceId, or the customer itself")
    @ApiResponse(responseCode = "404", description = "No such customer (target or source)")
    @ApiResponse(responseCode = "409", description = "The source or target is erased, the target is merged into another, "
            + "or the source was merged into another")
    public Response merge(@PathParam("id") String id, MergeRequest request, @Context SecurityContext security) {
        Customer target = customers.merge(id, request == null ? null : request.sourceId(), RequestParams.actor(security));
        return ETags.ok(target, target.version()).build();
    }

    @GET
    @Path("{id}/duplicates")
    @Operation(operationId = "listCustomerDuplicates", summary = "Likely duplicates of the customer, best first: the same "
            + "normalised phone or e-mail, or a similar name, each with a score and reasons")
    public Candidates duplicates(@PathParam("id") String id,
            @Parameter(description = "At most this many (default 20, maximum 100)",
                    schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "100"))
            @QueryParam("limit") String limit) {
        Integer requested = RequestParams.limit(limit);
        return new Candidates(customers.duplicates(id, requested == null ? 20 : requested));
    }

    @GET
    @Path("{id}/timeline")
    @Operation(operationId = "getCustomerTimeline", summary = "Everything the installed modules know about the customer, oldest first")
    public CustomerTimeline.Timeline timeline(@PathParam("id") String id,
            @Parameter(description = "At most this many entries (default and maximum " + MAX_TIMELINE + ")",
                    schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "" + MAX_TIMELINE))
            @QueryParam("limit") String limit) {
        if (customers.find(id).isEmpty()) {
            throw new NotFoundException("Customer", id);
        }
        Integer requested = RequestParams.limit(limit);
        int effective = requested == null ? MAX_TIMELINE : requested;
        if (effective < 1 || effective > MAX_TIMELINE) {
            throw new ValidationException("limit", "must be between 1 and " + MAX_TIMELINE);
        }
        return timeline.of(id, effective);
    }
}
