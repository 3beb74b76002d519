package org.calmdesk.rest.internal;

import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;



import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code GET /v1/health}, {@code /v1/health/live} and {@code /v1/health/ready} (open), and {@code GET /v1/openapi.json}. */
@Path("v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "platform", description = "Health for load balancers and this document; open without credentials, "
        + "except the document itself")
public class PlatformResource {

    /** {@code /health/live}: the process runs. */
    @Schema(name = "Liveness")
    public record Liveness(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "UP") String currentStatus) {
    }

    private final Health health;
    private final OpenApiDocument openApi;

    @Context
    UriInfo uriInfo;

    @Context
    HttpServletRequest servletRequest;

    PlatformResource(Health health, OpenApiDocument openApi) {
        this.health = health;
        this.openApi = openApi;
    }

    @GET
    @Path("health")
    @Operation(operationId = "getHealth", summary = "Overall status (UP, DEGRADED, DOWN), each installed module with "
            + "its version, state and whether it serves, and the database")
    @ApiResponse(responseCode = "200", description = "The health report, whatever the status",
            content = @Content(schema = @Schema(implementation = Health.Report.class)))
    public Map<String, Object> health() {
        return health.report().toJson();
    }

    @GET
    @Path("health/live")
    @Operation(operationId = "getLiveness", summary = "Liveness for load balancers and supervisors: 200 while the process runs")
    @ApiResponse(responseCode = "200", description = "The process runs",
            content = @Content(schema = @Schema(implementation = Liveness.class)))
    public Liveness live() {
        return new Liveness("UP");
    }

    @GET
    @Path("health/ready")
    @Operation(operationId = "getReadiness", summary = "Readiness for load balancers: 200 when every installed module "
            + "serves and the database answers, else a 503 problem with the health report (member health)")
    @ApiResponse(responseCode = "200", description = "Ready: every installed module serves and the database answers",
            content = @Content(schema = @Schema(implementation = Health.Report.class)))
    public Response ready() {
        Health.Report report = health.report();
        if (report.status() == Health.Status.UP) {
            return Response.ok(report.toJson()).build();
        }
        Map<String, Object> body = report.toJson();
        String detail = report.status() == Health.Status.DOWN ? "The database does not answer"
                : report.reason() != null ? "The platform cannot serve every request yet: " + report.reason()
                : "Some installed modules cannot serve right now";
        return ProblemResponses.unavailable(detail, uriInfo.getRequestUri().getRawPath(),
                ProblemResponses.newCorrelationId(), Map.of("health", body));
    }

    @GET
    @Path("openapi.json")
    @Operation(operationId = "getOpenApiDocument", summary = "OpenAPI 3 document of the modules installed now")
    @ApiResponse(responseCode = "200", description = "The document; its server is the address this request reached",
            content = @Content(schema = @Schema(type = "object")))
    public String openApi() {
        // The base this request reached (http://host:port/api): a saved copy still names its server.
        return openApi.json(RequestBase.of(servletRequest));
    }
}
