package org.calmdesk.rest.internal;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;

/**
 * On a module's server: once the module withdraws it (stop, update, uninstall), a request that
 * still reaches it is told to retry (503), like one that reaches the platform server afterwards.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
final class ClosingGate implements ContainerRequestFilter {

    private final String module;
    private final AtomicBoolean closing;

    ClosingGate(String module, AtomicBoolean closing) {
        this.module = module;
        this.closing = closing;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (closing.get()) {
            request.abortWith(ProblemResponses.unavailable(
                    "The " + module + " module is stopping or being updated; retry after a few seconds",
                    request.getUriInfo().getRequestUri().getRawPath(), ProblemResponses.newCorrelationId(),
                    Map.of("module", module)));
        }
    }
}
