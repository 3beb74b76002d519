package org.calmdesk.rest.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.annotation.Priority;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;
import javax.ws.rs.ext.WriterInterceptor;
import javax.ws.rs.ext.WriterInterceptorContext;

import org.calmdesk.core.error.UnavailableException;
import org.calmdesk.core.error.ValidationException;
import org.calmdesk.rest.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * {@code Idempotency-Key} on every creating POST (API.md, Conventions): the first request with a
 * key runs and its response is stored; the same key with the same body within 24 hours replays
 * that response (status, body, Location, ETag) with {@code Idempotent-Replayed: true}; another body
 * is a 422 problem; while the first still runs, a 409 problem. Keys are per caller, method and path.
 * A creating POST is one whose resource method documents a 201 answer, the same rule the OpenAPI
 * document uses to offer the header. A response that says "try again" (5xx, 429) is not kept.
 */
@Priority(Priorities.USER)
final class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter, WriterInterceptor {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyFilter.class);
    private static final Pattern VALID_KEY = Pattern.compile("[\\x20-\\x7E]{1,255}");
    private static final String CLAIM = IdempotencyFilter.class.getName() + ".claim";
    private static final String HEAD = IdempotencyFilter.class.getName() + ".head";
    /** A response larger than this is not kept (creating answers are a few KB). */
    private static final int MAX_STORED_BODY = 1 << 20;

    @Context
    ResourceInfo resourceInfo;

    private final Supplier<IdempotencyStore> store;

    IdempotencyFilter(Supplier<IdempotencyStore> store) {
        this.store = store;
    }

    private record Pending(IdempotencyStore store, String scopeHash, String token) {
    }

    /** Status and headers of the first response, waiting for its body. */
    private record Head(int status, String contentType, String location, String etag) {
    }

    /** Whether a resource method creates: it documents a 201 answer. */
    static boolean isCreating(Method method) {
        if (method == null || !method.isAnnotationPresent(javax.ws.rs.POST.class)) {
            return false;
        }
        for (ApiResponse response : method.getAnnotationsByType(ApiResponse.class)) {
            if ("201".equals(response.responseCode())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String key = request.getHeaderString(HEADER);
        if (key == null || !HttpMethod.POST.equals(request.getMethod()) || !isCreating(resourceInfo.getResourceMethod())) {
            return;
        }
        if (!VALID_KEY.matcher(key).matches()) {
            throw new ValidationException(HEADER, "must be 1 to 255 printable ASCII characters");
        }
        IdempotencyStore keys = store.get();
        if (keys == null) {
            throw new UnavailableException("Idempotency keys cannot be checked right now (no database)");
        }
        byte[] body = request.hasEntity() ? request.getEntityStream().readAllBytes() : new byte[0];
        request.setEntityStream(new ByteArrayInputStream(body));
        String caller = request.getSecurityContext() == null || request.getSecurityContext().getUserPrincipal() == null
                ? "" : request.getSecurityContext().getUserPrincipal().getName();
        String scope = sha256((caller + "\n" + request.getMethod() + " " + request.getUriInfo().getRequestUri().getRawPath()
                + "\n" + key).getBytes(StandardCharsets.UTF_8));
        IdempotencyStore.Claim claim;
        try {
            claim = keys.claim(scope, sha256(body));
        } catch (SQLException e) {
            throw new UnavailableException("Idempotency keys cannot be checked right now: the database does not answer");
        }
        String instance = request.getUriInfo().getRequestUri().getRawPath();
        if (claim instanceof IdempotencyStore.Claimed claimed) {
            request.setProperty(CLAIM, new Pending(keys, scope, claimed.token()));
        } else if (claim instanceof IdempotencyStore.Replay replay) {
            request.abortWith(replay(replay.response()));
        } else if (claim instanceof IdempotencyStore.DifferentBody) {
            request.abortWith(ProblemResponses.problem(422, Problems.titleOf(422),
                    "This Idempotency-Key was used with a different request body", instance));
        } else {
            request.abortWith(Response.fromResponse(ProblemResponses.problem(409, Problems.titleOf(409),
                    "The first request with this Idempotency-Key is still running; retry shortly", instance,
                    ProblemResponses.newCorrelationId(), Map.of("currentStatus", "IN_FLIGHT")))
                    .header("Retry-After", 1).build());
        }
    }

    private static Response replay(IdempotencyStore.StoredResponse stored) {
        Response.ResponseBuilder response = Response.status(stored.status()).header(REPLAYED, "true");
        if (stored.location() != null) {
            response.header(HttpHeaders.LOCATION, stored.location());
        }
        if (stored.etag() != null) {
            response.header(HttpHeaders.ETAG, stored.etag());
        }
        if (stored.body() != null) {
            byte[] bytes = stored.body().getBytes(StandardCharsets.UTF_8);
            response.entity((StreamingOutput) out -> out.write(bytes)).type(stored.contentType());
        }
        return response.build();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Pending pending = (Pending) request.getProperty(CLAIM);
        if (pending == null) {
            return;
        }
        int status = response.getStatus();
        if (status >= 500 || status == 429) {
            // The client should retry, and the retry should run: forget the claim.
            request.removeProperty(CLAIM);
            release(pending);
            return;
        }
        Head head = new Head(status, response.getMediaType() == null ? null : response.getMediaType().toString(),
                response.getHeaderString(HttpHeaders.LOCATION), response.getHeaderString(HttpHeaders.ETAG));
        if (!response.hasEntity()) {
            request.removeProperty(CLAIM);
            complete(pending, head, null);
            return;
        }
        request.setProperty(HEAD, head);
    }

    /** Keeps a copy of the body as it is written, then stores the response with it. */
    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        Pending pending = (Pending) context.getProperty(CLAIM);
        Head head = (Head) context.getProperty(HEAD);
        if (pending == null || head == null) {
            context.proceed();
            return;
        }
        context.removeProperty(CLAIM);
        OutputStream original = context.getOutputStream();
        // The copy is what a retry gets. It is kept even when the client has gone (its read timed out):
        // the resource exists, so the retry must be answered with it, never create a second one.
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        IOException[] clientGone = new IOException[1];
        context.setOutputStream(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] { (byte) b }, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                copy.write(b, off, len);
                if (clientGone[0] == null) {
                    try {
                        original.write(b, off, len);
                    } catch (IOException e) {
                        clientGone[0] = e;
                    }
                }
            }

            @Override
            public void flush() throws IOException {
                if (clientGone[0] == null) {
                    original.flush();
                }
            }
        });
        try {
            context.proceed();
        } catch (IOException | RuntimeException e) {
            // The body could not be made: nothing complete to replay, a retry runs again.
            release(pending);
            throw e;
        } finally {
            context.setOutputStream(original);
        }
        if (copy.size() > MAX_STORED_BODY) {
            release(pending);
        } else {
            complete(pending, head, copy.toString(StandardCharsets.UTF_8));
        }
        if (clientGone[0] != null) {
            throw clientGone[0];
        }
    }

    private static void complete(Pending pending, Head head, String body) {
        try {
            pending.store().complete(pending.scopeHash(), pending.token(),
                    new IdempotencyStore.StoredResponse(head.status(), head.contentType(), head.location(), head.etag(), body));
        } catch (SQLException e) {
            // The resource exists; only the replay is lost. A retry finds the claim in flight (409) until it is
            // abandoned, then runs again.
            LOG.warn("Could not store the response of an idempotent request: {}", e.toString());
        }
    }

    private static void release(Pending pending) {
        try {
            pending.store().release(pending.scopeHash(), pending.token());
        } catch (SQLException e) {
            LOG.warn("Could not release an idempotency key claim (it is taken over after {}): {}",
                    IdempotencyStore.ABANDONED_AFTER, e.toString());
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
