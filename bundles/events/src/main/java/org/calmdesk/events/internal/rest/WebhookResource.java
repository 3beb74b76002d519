package org.calmdesk.events.internal.rest;

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
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.events.api.CreatedWebhook;
import org.calmdesk.events.api.Delivery;
import org.calmdesk.events.api.DeliveryStatus;
import org.calmdesk.events.api.Webhook;
import org.calmdesk.events.api.WebhookDraft;
import org.calmdesk.events.api.WebhookService;
import org.calmdesk.rest.ETags;
import org.calmdesk.rest.RequestParams;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/webhooks}: the webhooks of "Events and webhooks" in the REST contract (crm-admin). */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "events")
public class WebhookResource {

    private final WebhookService webhooks;

    public WebhookResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Operation(operationId = "createWebhook", summary = "Subscribe a URL to topics; the answer shows the signing secret, once")
    @ApiResponse(responseCode = "201", description = "Subscribed; the only answer that shows the secret",
            headers = { @Header(name = "Location"), @Header(name = "ETag") },
            content = @Content(schema = @Schema(implementation = CreatedWebhook.class)))
    public Response create(WebhookDraft draft, @Context SecurityContext security) {
        CreatedWebhook created = webhooks.create(draft, RequestParams.actor(security));
        return ETags.ok(created, created.version()).status(Response.Status.CREATED).location(URI.create(created.id())).build();
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "List webhooks (never their secrets)")
    public List<Webhook> list() {
        return webhooks.list();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getWebhook", summary = "Read a webhook (never its secret)")
    @ApiResponse(responseCode = "200", description = "The webhook", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = Webhook.class)))
    public Response get(@PathParam("id") String id) {
        Webhook webhook = webhooks.find(id).orElseThrow(() -> new NotFoundException("Webhook", id));
        return ETags.ok(webhook, webhook.version()).build();
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "updateWebhook", summary = "Replace a webhook's url, topics, description and active; If-Match guards against lost updates")
    @ApiResponse(responseCode = "200", description = "The updated webhook", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = Webhook.class)))
    public Response update(@PathParam("id") String id, WebhookDraft draft, @HeaderParam("If-Match") String ifMatch,
            @Context SecurityContext security) {
        Webhook updated = webhooks.update(id, draft, ETags.expectedVersion(ifMatch), RequestParams.actor(security));
        return ETags.ok(updated, updated.version()).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteWebhook", summary = "Remove a webhook and its delivery log")
    @ApiResponse(responseCode = "204", description = "Removed")
    public Response delete(@PathParam("id") String id) {
        if (!webhooks.delete(id)) {
            throw new NotFoundException("Webhook", id);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/ping")
    @Operation(operationId = "pingWebhook", summary = "Send a webhook.ping event to this webhook alone; answers its delivery")
    @ApiResponse(responseCode = "202", description = "The ping's delivery, on its way",
            content = @Content(schema = @Schema(implementation = Delivery.class)))
    public Response ping(@PathParam("id") String id) {
        return Response.accepted(webhooks.ping(id)).build();
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "The webhook's deliveries, newest first; keyset-paged")
    public Page<Delivery> deliveries(@PathParam("id") String id,
            @Parameter(schema = @Schema(implementation = DeliveryStatus.class)) @QueryParam("status") String status,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return webhooks.deliveries(id, RequestParams.enumValue(DeliveryStatus.class, "status", status),
                PageRequest.of(RequestParams.limit(limit), cursor));
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/redeliver")
    @Operation(operationId = "redeliverWebhookDelivery", summary = "Send a delivery again now, with a fresh retry period")
    @ApiResponse(responseCode = "202", description = "The delivery, on its way again",
            content = @Content(schema = @Schema(implementation = Delivery.class)))
    public Response redeliver(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        return Response.accepted(webhooks.redeliver(id, deliveryId)).build();
    }
}
