package org.calmdesk.rest.internal;

import java.util.Map;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;

/**
 * Headers every API response carries: answers hold personal data, so nothing stores them; and
 * browsers neither sniff, frame nor leak the URL of an answer elsewhere.
 */
@Priority(Priorities.HEADER_DECORATOR)
final class SecurityHeadersFilter implements ContainerResponseFilter {

    static final Map<String, String> HEADERS = Map.of(
            "Cache-Control", "no-store",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        HEADERS.forEach(response.getHeaders()::putSingle);
    }
}
