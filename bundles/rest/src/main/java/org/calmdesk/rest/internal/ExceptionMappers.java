package org.calmdesk.rest.internal;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.ExceptionMapper;

import org.calmdesk.core.error.CalmdeskException;
import org.calmdesk.core.error.FieldError;
import org.calmdesk.core.error.UnavailableException;
import org.calmdesk.core.persistence.DatabaseFailures;
import org.calmdesk.rest.RequestParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Every failure leaves as a problem document: client errors are logged at WARN in one line,
 * faults at ERROR with the stack at DEBUG only, and the client never sees internals.
 */
final class ExceptionMappers {

    private static final Logger LOG = LoggerFactory.getLogger(ExceptionMappers.class);

    private ExceptionMappers() {
    }

    /**
     * @param goingAway true once the server these mappers serve is being withdrawn, or the module
     *        behind it is stopping or being updated
     */
    static List<Object> create(BooleanSupplier goingAway) {
        return List.of(new DomainMapper(), new WebMapper(goingAway), new JsonMapper(), new FaultMapper(goingAway));
    }

    abstract static class Base<E extends Throwable> implements ExceptionMapper<E> {
        @Context
        UriInfo uriInfo;

        String path() {
            try {
                return uriInfo.getRequestUri().getRawPath();
            } catch (RuntimeException noRequest) {
                return null;
            }
        }

        Response clientError(int status, String title, String detail, Map<String, Object> extensions) {
            String correlationId = ProblemResponses.newCorrelationId();
            LOG.warn("{} {} on {} [{}]: {}", status, title, ProblemResponses.sanitize(path()), correlationId,
                    ProblemResponses.sanitize(detail));
            return ProblemResponses.problem(status, title, detail, path(), correlationId, extensions);
        }
    }

    /** Domain exceptions name their own status and a message written for clients. */
    static final class DomainMapper extends Base<CalmdeskException> {
        @Override
        public Response toResponse(CalmdeskException e) {
            return withRetryAfter(clientError(e.status(), e.title(), e.getMessage(), e.extensions()), e.retryAfterSeconds());
        }
    }

    static Response withRetryAfter(Response response, Long seconds) {
        return seconds == null ? response : Response.fromResponse(response).header("Retry-After", seconds).build();
    }

    /** JAX-RS's own 404/405/406/415 and the like; their messages may carry internals, so ours replace them. */
    static final class WebMapper extends Base<WebApplicationException> {
        private final BooleanSupplier closing;

        WebMapper(BooleanSupplier closing) {
            this.closing = closing;
        }

        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
            if (status >= 500) {
                return FaultMapper.fault(e, path());
            }
            if (status == 404 && closing.getAsBoolean()) {
                // The module's server is being withdrawn under this request: its resources are gone, its data is not.
                return withRetryAfter(clientError(503, "Service unavailable",
                        "The module is stopping or being updated; retry after a few seconds", Map.of()),
                        UnavailableException.DEFAULT_RETRY_AFTER_SECONDS);
            }
            Response response = clientError(status, ProblemResponses.titleOf(status), detailOf(status), Map.of());
            if (status == 405 && e.getResponse().getHeaderString("Allow") != null) {
                return Response.fromResponse(response).header("Allow", e.getResponse().getHeaderString("Allow")).build();
            }
            return response;
        }

        private static String detailOf(int status) {
            return switch (status) {
                case 400 -> "The request could not be read";
                case 404 -> "No resource at this path";
                case 405 -> "This path does not support the request method";
                case 406 -> "This resource is served as application/json only";
                case 413 -> "The request body exceeds the configured limit";
                case 415 -> "Send the body as application/json";
                default -> ProblemResponses.titleOf(status);
            };
        }
    }

    /** Malformed JSON, wrong types and unknown enum values are the client's: 400 naming the field. */
    static final class JsonMapper extends Base<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof StrictJsonFactory.InvalidTextException invalid) {
                    return clientError(400, "Invalid request", invalid.field() + ": " + invalid.reason(),
                            Map.of("errors", List.of(new FieldError(invalid.field(), invalid.reason()))));
                }
                if (t instanceof StreamConstraintsException) {
                    return clientError(400, "Malformed JSON", "The body is nested deeper than "
                            + StrictJsonFactory.MAX_NESTING_DEPTH + " levels or exceeds another parser limit", Map.of());
                }
            }
            if (e instanceof JsonParseException || !(e instanceof JsonMappingException mapping)) {
                String where = e.getLocation() == null || e.getLocation().getLineNr() < 0 ? ""
                        : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
                return clientError(400, "Malformed JSON", "The body is not valid JSON" + where, Map.of());
            }
            String field = fieldOf(mapping);
            String message = messageOf(mapping);
            return clientError(400, "Invalid request", field + ": " + message,
                    Map.of("errors", List.of(new FieldError(field, message))));
        }

        static String fieldOf(JsonMappingException e) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference ref : e.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            return path.length() == 0 ? "body" : path.toString();
        }

        static String messageOf(JsonMappingException e) {
            if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                    && invalid.getTargetType().isEnum()) {
                return "must be one of " + java.util.Arrays.stream(invalid.getTargetType().getEnumConstants())
                        .map(Object::toString).collect(Collectors.joining(", ", "[", "]"));
            }
            if (e instanceof InvalidFormatException invalid && invalid.getTargetType() == java.time.Instant.class) {
                return RequestParams.TIMESTAMP_RULE;
            }
            if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
                return "must be " + describe(mismatched.getTargetType());
            }
            return "has an invalid value";
        }

        private static String describe(Class<?> type) {
            if (type == String.class) {
                return "a string";
            }
            if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
                return "a number";
            }
            if (type == Boolean.class || type == boolean.class) {
                return "true or false";
            }
            if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
                return "an array";
            }
            if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
                return RequestParams.TIMESTAMP_RULE.substring("must be ".length());
            }
            return "an object";
        }
    }

    /**
     * Anything unexpected: a generic 500; the details stay in the log under the correlation id.
     * Two kinds of failure are not faults of ours: an unreachable database (503, retry later) and a
     * malformed request that the JAX-RS runtime only noticed while decoding it (400).
     */
    static final class FaultMapper extends Base<Throwable> {
        private final BooleanSupplier goingAway;

        FaultMapper(BooleanSupplier goingAway) {
            this.goingAway = goingAway;
        }

        FaultMapper() {
            this(() -> false);
        }

        @Override
        public Response toResponse(Throwable e) {
            if (DatabaseFailures.isUnavailable(e)) {
                String correlationId = ProblemResponses.newCorrelationId();
                LOG.warn("503 on {} [{}]: the database is unavailable: {}", ProblemResponses.sanitize(path()), correlationId,
                        ProblemResponses.sanitize(e.toString()));
                return withRetryAfter(ProblemResponses.problem(503, "Service unavailable",
                        "The database cannot be reached right now; retry after a few seconds", path(), correlationId, Map.of()),
                        UnavailableException.DEFAULT_RETRY_AFTER_SECONDS);
            }
            if (isClientGone(e)) {
                // Nobody is left to read an answer; not a fault of ours, so no ERROR and no stack.
                LOG.debug("The client went away during {}: {}", ProblemResponses.sanitize(path()), e.toString());
                return Response.status(499).build();
            }
            if (isUnsupportedCharset(e)) {
                return clientError(415, "Unsupported media type", "Send the body as application/json in UTF-8", Map.of());
            }
            if (isMalformedRequest(e)) {
                return clientError(400, "Invalid request", "The request URI or a parameter is not validly encoded", Map.of());
            }
            if (goingAway.getAsBoolean()) {
                // A request still inside a module that stops or updates meets its closed persistence unit:
                // the module is going, not broken, and a retry reaches it (or its successor).
                String correlationId = ProblemResponses.newCorrelationId();
                LOG.warn("503 on {} [{}]: the module stopped under the request: {}", ProblemResponses.sanitize(path()), correlationId,
                        ProblemResponses.sanitize(e.toString()));
                return withRetryAfter(ProblemResponses.problem(503, "Service unavailable",
                        "The module is stopping or being updated; retry after a few seconds", path(), correlationId, Map.of()),
                        UnavailableException.DEFAULT_RETRY_AFTER_SECONDS);
            }
            return fault(e, path());
        }

        /** A Content-Type whose charset the JVM does not know, such as {@code charset=nonsense}. */
        static boolean isUnsupportedCharset(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof java.nio.charset.UnsupportedCharsetException || t instanceof java.nio.charset.IllegalCharsetNameException) {
                    return true;
                }
            }
            return false;
        }

        /** The connection broke while the answer was written: a client that timed out or disconnected. */
        static boolean isClientGone(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t.getClass().getName().equals("org.eclipse.jetty.io.EofException")
                        || t instanceof java.nio.channels.ClosedChannelException) {
                    return true;
                }
                // Jetty reports a request body cut short as an IllegalStateException "Parser is terminated".
                if ((t instanceof java.io.IOException || t instanceof IllegalStateException) && t.getMessage() != null
                        && (t.getMessage().contains("Broken pipe") || t.getMessage().contains("Connection reset")
                                || t.getMessage().contains("Early EOF") || t.getMessage().contains("Parser is terminated"))) {
                    return true;
                }
            }
            return false;
        }

        /** CXF decodes percent-escapes lazily and throws plain IllegalArgumentExceptions from its URI helpers. */
        static boolean isMalformedRequest(Throwable e) {
            for (StackTraceElement frame : e.getStackTrace()) {
                String type = frame.getClassName();
                if (type.startsWith("org.apache.cxf.jaxrs.utils.HttpUtils") || type.equals("java.net.URLDecoder")
                        || type.startsWith("org.apache.cxf.common.util.UrlUtils")) {
                    return e instanceof IllegalArgumentException;
                }
            }
            return false;
        }

        static Response fault(Throwable e, String path) {
            String correlationId = ProblemResponses.newCorrelationId();
            LOG.error("Unexpected failure on {} [{}]: {}", ProblemResponses.sanitize(path), correlationId, e.toString());
            LOG.debug("Stack of [{}]", correlationId, e);
            return ProblemResponses.problem(500, "Internal server error",
                    "The server could not complete the request; quote the correlation id to support",
                    path, correlationId, Map.of());
        }
    }
}
