package org.calmdesk.rest.internal;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;

import org.calmdesk.rest.SecurityHeaders;

/** Puts {@link SecurityHeaders#ALL} on every answer of a JAX-RS server. */
@Priority(Priorities.HEADER_DECORATOR)
final class SecurityHeadersFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        SecurityHeaders.ALL.forEach(response.getHeaders()::putSingle);
    }
}
