package org.calmdesk.rest.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.annotation.security.PermitAll;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.calmdesk.rest.Roles;

import io.swagger.v3.oas.annotations.Operation;

/** {@code GET /v1/health} (open) and {@code GET /v1/openapi.json}. */
@Path("v1")
@Produces(MediaType.APPLICATION_JSON)
public class PlatformResource {

    private final ModuleTracker modules;
    private final OpenApiDocument openApi;

    PlatformResource(ModuleTracker modules, OpenApiDocument openApi) {
        this.modules = modules;
        this.openApi = openApi;
    }

    @GET
    @Path("health")
    @PermitAll
    @Operation(summary = "Liveness and the installed modules with their version and state")
    public Map<String, Object> health() {
        List<ModuleTracker.ModuleState> states = modules.modules();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", states.stream().allMatch(m -> "ACTIVE".equals(m.state())) ? "UP" : "DEGRADED");
        body.put("modules", states);
        return body;
    }

    @GET
    @Path("openapi.json")
    @RolesAllowed({Roles.AGENT, Roles.INTEGRATION})
    @Operation(summary = "OpenAPI 3 document of the modules installed now")
    public String openApi() {
        return openApi.json();
    }
}
