package org.calmdesk.rest.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.ws.rs.core.Response;

import org.calmdesk.core.error.UnavailableException;
import org.calmdesk.rest.Problems;

/**
 * Builds RFC 9457 problem documents. Every problem carries a correlation id that is also written
 * to the log line about it, so support can find the one from the other.
 */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static String newCorrelationId() {
        return UUID.randomUUID().toString();
    }

    static Response problem(int status, String title, String detail, String instance, String correlationId,
            Map<String, Object> extensions) {
        return Response.status(status).type(Problems.MEDIA_TYPE)
                .entity(body(status, title, detail, instance, correlationId, extensions)).build();
    }

    /** The problem document itself, for writers outside JAX-RS (the servlet for non-API paths). */
    static Map<String, Object> body(int status, String title, String detail, String instance, String correlationId,
            Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:calmdesk:problem:" + slug(title));
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        body.put("correlationId", correlationId);
        // Extensions never replace the standard members: "status" stays the HTTP status (RFC 9457).
        extensions.forEach(body::putIfAbsent);
        return body;
    }

    /** A 503 the client may retry: the problem with {@code Retry-After}, as every "cannot serve right now" answer. */
    static Response unavailable(String detail, String instance, String correlationId, Map<String, Object> extensions) {
        return Response.fromResponse(problem(503, "Service unavailable", detail, instance, correlationId, extensions))
                .header("Retry-After", UnavailableException.DEFAULT_RETRY_AFTER_SECONDS).build();
    }

    static Response problem(int status, String title, String detail, String instance) {
        return problem(status, title, detail, instance, newCorrelationId(), Map.of());
    }

    static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /** Standard titles for statuses the platform itself produces. */
    static String titleOf(int status) {
        return Problems.titleOf(status);
    }

    /** Log-safe rendering of client-controlled text: printable, single-line, bounded. */
    static String sanitize(String text) {
        return Problems.sanitize(text);
    }
}
