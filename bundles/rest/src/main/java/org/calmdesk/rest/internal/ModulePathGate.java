package org.calmdesk.rest.internal;

import java.util.Map;
import java.util.Optional;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;

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
    /**
     * CXF picks the server for a request before this filter runs: a request routed here just before
     * its module's server appeared can get here just after. For that long after a module publishes,
     * its paths are still "starting" (503, a retry reaches the module), not unknown.
     */
    static final long SETTLE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    private final ModuleTracker modules;
    private final PublishedEndpoints published;

    ModulePathGate(ModuleTracker modules, PublishedEndpoints published) {
        this.modules = modules;
        this.published = published;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = "/" + request.getUriInfo().getPath(true).replaceFirst("^/+", "");
        Optional<ModuleTracker.Module> owner = modules.ownerOf(path);
        if (owner.isEmpty() || published.isSettled(owner.get().ownedPrefix(path), SETTLE_NANOS)) {
            // Not a module's path; or its module serves, and only a path the JAX-RS runtime normalised
            // away from it (such as an encoded "../..") ended up here: that is an unknown path, 404.
            return;
        }
        String module = owner.get().name();
        String rawPath = request.getUriInfo().getRequestUri().getRawPath();
        String correlationId = ProblemResponses.newCorrelationId();
        LOG.warn("503 on {}: the {} module is {} and does not serve [{}]", ProblemResponses.sanitize(rawPath), module,
                ModuleTracker.stateOf(owner.get().bundle()), correlationId);
        request.abortWith(ProblemResponses.unavailable(
                "The " + module + " module cannot serve right now (starting, stopping or being updated); "
                        + "retry after a few seconds",
                rawPath, correlationId, Map.of("module", module)));
    }
}
