package org.calmdesk.http.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.calmdesk.rest.Problems;
import org.calmdesk.rest.SecurityHeaders;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.BufferUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web server's own answers, for requests that never reach a servlet: malformed request lines
 * and URIs ({@code %00}, {@code ..;}), URIs and headers over the limits (414, 431), and paths no
 * context serves. Each is an RFC 9457 problem instead of Jetty's HTML page; a path under the API
 * that nothing serves means the REST runtime is not up (yet), so it is a 503 to retry, not a 404.
 */
final class ProblemErrorHandler extends ErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorHandler.class);
    static final String MEDIA_TYPE = Problems.MEDIA_TYPE;

    ProblemErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
        setShowMessageInTitle(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    /** Malformed requests rejected by the HTTP parser, before any handler ran. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
        if (HttpStatus.hasNoBody(status)) {
            return BufferUtil.EMPTY_BUFFER;
        }
        String correlationId = UUID.randomUUID().toString();
        LOG.warn("{} from the HTTP parser [{}]: {}", status, correlationId, Problems.sanitize(reason));
        fields.put(HttpHeader.CONTENT_TYPE, MEDIA_TYPE);
        SecurityHeaders.ALL.forEach(fields::put);
        return BufferUtil.toBuffer(problem(status, detailOf(status), null, correlationId), StandardCharsets.UTF_8);
    }

    /** Errors raised while handling (no context for the path, or a servlet's sendError without an error page). */
    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response,
            int code, String message) throws IOException {
        int status = code;
        String path = request.getRequestURI();
        if (status == HttpStatus.NOT_FOUND_404 && StartupGate.isApiPath(path)) {
            status = HttpStatus.SERVICE_UNAVAILABLE_503;
        }
        String correlationId = UUID.randomUUID().toString();
        LOG.warn("{} from the web server on {} [{}]", status, Problems.sanitize(path), correlationId);
        write(baseRequest, response, status, path, correlationId);
    }

    static void write(Request baseRequest, HttpServletResponse response, int status, String path, String correlationId)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        SecurityHeaders.ALL.forEach(response::setHeader);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (status == HttpStatus.SERVICE_UNAVAILABLE_503) {
            response.setHeader("Retry-After", StartupGate.RETRY_AFTER_SECONDS);
        }
        byte[] body = problem(status, detailOf(status), path, correlationId).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        if (!"HEAD".equals(baseRequest.getMethod())) {
            response.getOutputStream().write(body);
        }
        baseRequest.setHandled(true);
    }

    static String detailOf(int status) {
        return switch (status) {
            case 400 -> "The request is malformed (request line, URI encoding or headers)";
            case 404 -> "No resource at this path; the API is under /api/v1";
            case 414 -> "The request URI is longer than the server accepts";
            case 415 -> "The Content-Type names a charset the server does not know; send application/json in UTF-8";
            case 431 -> "The request headers are larger than the server accepts";
            case 503 -> "Calmdesk is starting or its REST runtime is restarting; retry after a few seconds";
            default -> Problems.titleOf(status);
        };
    }

    /** The problem document, written by hand: this runs inside Jetty, before (or without) the REST platform. */
    static String problem(int status, String detail, String instance, String correlationId) {
        String title = Problems.titleOf(status);
        StringBuilder json = new StringBuilder(256).append('{');
        member(json, "type", "urn:calmdesk:problem:" + title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")).append(',');
        member(json, "title", title).append(',');
        json.append("\"status\":").append(status).append(',');
        member(json, "detail", detail);
        if (instance != null) {
            member(json.append(','), "instance", Problems.sanitize(instance));
        }
        member(json.append(','), "correlationId", correlationId);
        return json.append('}').toString();
    }

    private static StringBuilder member(StringBuilder json, String name, String value) {
        json.append('"').append(name).append("\":\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
