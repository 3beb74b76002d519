package org.calmdesk.rest.internal;

import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;



import io.swagger.v3.oas.annotations.Operation;

/** {@code GET /v1/health}, {@code /v1/health/live} and {@code /v1/health/ready} (open), and {@code GET /v1/openapi.json}. */
@Path("v1")
@Produces(MediaType.APPLICATION_JSON)
public class PlatformResource {

    private final Health health;
    private final OpenApiDocument openApi;

    @Context
    UriInfo uriInfo;

    PlatformResource(Health health, OpenApiDocument openApi) {
        this.health = health;
        this.openApi = openApi;
    }

    @GET
    @Path("health")
    @Operation(summary = "Overall status (UP, DEGRADED, DOWN), each installed module with its version, state and "
            + "whether it serves, and the database")
    public Map<String, Object> health() {
        return health.report().toJson();
    }

    @GET
    @Path("health/live")
    @Operation(summary = "Liveness for load balancers and supervisors: 200 while the process runs")
    public Map<String, Object> live() {
        return Map.of("currentStatus", "UP");
    }

    @GET
    @Path("health/ready")
    @Operation(summary = "Readiness for load balancers: 200 when every installed module serves and the database "
            + "answers, else a 503 problem with the health report")
    public Response ready() {
        Health.Report report = health.report();
        if (report.status() == Health.Status.UP) {
            return Response.ok(report.toJson()).build();
        }
        Map<String, Object> body = report.toJson();
        String detail = report.status() == Health.Status.DOWN ? "The database does not answer"
                : "Some installed modules cannot serve right now";
        return ProblemResponses.unavailable(detail, uriInfo.getRequestUri().getRawPath(),
                ProblemResponses.newCorrelationId(), Map.of("health", body));
    }

    @GET
    @Path("openapi.json")
    @Operation(summary = "OpenAPI 3 document of the modules installed now")
    public String openApi() {
        return openApi.json();
    }
}
