package org.calmdesk.rest.internal;

import java.util.Map;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.calmdesk.rest.RateLimits.Decision;
import org.calmdesk.rest.RateLimits.Policy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-user API quota of the caller's most generous role, after authentication: over it, 429
 * with {@code Retry-After}; every answer to an authenticated request states the quota in the
 * {@code RateLimit} headers. It also gives any other 429 problem (a module's own limit) the
 * {@code Retry-After} header its body names.
 */
@Priority(Priorities.AUTHORIZATION)
final class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimitFilter.class);
    private static final String DECISION = RateLimitFilter.class.getName() + ".decision";
    private static final String POLICY = RateLimitFilter.class.getName() + ".policy";

    private final PlatformRateLimits limits;

    RateLimitFilter(PlatformRateLimits limits) {
        this.limits = limits;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(request.getSecurityContext() instanceof AuthFilter.BasicSecurityContext caller)) {
            return;
        }
        Policy policy = limits.settings().apiPolicy(caller.login().roles());
        if (policy.unlimited()) {
            return;
        }
        Decision decision = limits.consume(policy, "api:" + caller.login().user());
        request.setProperty(POLICY, policy);
        request.setProperty(DECISION, decision);
        if (!decision.allowed()) {
            LOG.warn("429 on {}: user {} is over the {} quota of {} requests per {} s",
                    ProblemResponses.sanitize(request.getUriInfo().getRequestUri().getRawPath()),
                    ProblemResponses.sanitize(caller.login().user()), policy.name(), policy.quota(), policy.windowSeconds());
            request.abortWith(tooManyRequests("Over the request quota of " + policy.quota() + " per " + policy.windowSeconds()
                    + " s; retry after " + decision.retryAfterSeconds() + " s",
                    request.getUriInfo().getRequestUri().getRawPath(), decision.retryAfterSeconds()));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(POLICY) instanceof Policy policy && request.getProperty(DECISION) instanceof Decision decision) {
            response.getHeaders().putSingle(RateLimitHeaders.POLICY, RateLimitHeaders.policy(policy));
            response.getHeaders().putSingle(RateLimitHeaders.RATE_LIMIT, RateLimitHeaders.rateLimit(policy, decision));
        }
        if (response.getStatus() == 429 && !response.getHeaders().containsKey(HttpHeaders.RETRY_AFTER)
                && response.getEntity() instanceof Map<?, ?> problem && problem.get("retryAfterSeconds") instanceof Number seconds) {
            response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, seconds.longValue())));
        }
    }

    /** A 429 problem with Retry-After, for refusals decided before a resource runs. */
    static Response tooManyRequests(String detail, String path, long retryAfterSeconds) {
        return Response.fromResponse(ProblemResponses.problem(429, "Too many requests", detail, path,
                ProblemResponses.newCorrelationId(), Map.of("retryAfterSeconds", retryAfterSeconds)))
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds)).build();
    }
}
