package org.calmdesk.rest.internal;

import java.util.Map;
import java.util.Optional;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.Response;

import org.calmdesk.core.error.UnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the platform server, which gets every request no module server takes: a path an installed
 * module owns means that module cannot serve right now (starting, stopping, being updated or
 * reinstalled, or waiting for a service it needs). The data behind it exists, so the answer is a
 * 503 with {@code Retry-After}, never the 404 the platform would give for an unknown path.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
final class ModulePathGate implements ContainerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(ModulePathGate.class);

    private final ModuleTracker modules;

    ModulePathGate(ModuleTracker modules) {
        this.modules = modules;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<ModuleTracker.Module> owner = modules.ownerOf(request.getUriInfo().getPath(true));
        if (owner.isEmpty()) {
            return;
        }
        String module = owner.get().name();
        String path = request.getUriInfo().getRequestUri().getRawPath();
        String correlationId = ProblemResponses.newCorrelationId();
        LOG.warn("503 on {}: the {} module is {} and does not serve [{}]", ProblemResponses.sanitize(path), module,
                ModuleTracker.stateOf(owner.get().bundle()), correlationId);
        request.abortWith(Response.fromResponse(ProblemResponses.problem(503, "Service unavailable",
                "The " + module + " module cannot serve right now (starting, stopping or being updated); "
                        + "retry after a few seconds",
                path, correlationId, Map.of("module", module)))
                .header("Retry-After", UnavailableException.DEFAULT_RETRY_AFTER_SECONDS).build());
    }
}
