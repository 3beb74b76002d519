package org.calmdesk.http.internal;

import java.io.IOException;
import java.util.UUID;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.calmdesk.rest.Problems;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs after the web contexts. CXF registers a module's server at its path a moment before it
 * starts the server, and stops it a moment before it removes the path; a request that falls into
 * either moment gets CXF's own HTML 404 "No service was found" for data that exists. Paths no
 * module owns never get that page (the platform server at {@code /} answers them with a problem),
 * so on an API path it always means a module server is starting or stopping: a 503 to retry.
 */
public final class NoServiceFoundGate extends AbstractHandler {

    private static final Logger LOG = LoggerFactory.getLogger(NoServiceFoundGate.class);

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (isCxfNotFound(request.getRequestURI(), response.getStatus(), response.getContentType(), response.isCommitted())) {
            String correlationId = UUID.randomUUID().toString();
            LOG.warn("503 on {}: its module server is starting or stopping (CXF had no started service there) [{}]",
                    Problems.sanitize(request.getRequestURI()), correlationId);
            // A full reset: CXF wrote its page through the writer, the problem goes through the stream.
            response.reset();
            ProblemErrorHandler.write(baseRequest, response, HttpStatus.SERVICE_UNAVAILABLE_503, request.getRequestURI(),
                    correlationId);
        }
    }

    /** CXF's page is the only HTML 404 under the API: every Calmdesk answer there is JSON. */
    static boolean isCxfNotFound(String path, int status, String contentType, boolean committed) {
        return !committed && status == HttpStatus.NOT_FOUND_404 && StartupGate.isApiPath(path)
                && contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("text/html");
    }
}
