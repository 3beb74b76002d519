package org.calmdesk.http.internal;

import java.io.IOException;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.calmdesk.rest.Problems;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Jetty handler that Pax Web puts in front of the web contexts (it tracks {@code Handler}
 * services). While the REST platform is not up (Calmdesk is booting, or the platform bundle is
 * being updated), the servlet answering {@code /api} would say 404 ("No service was found") for
 * data that exists: this answers 503 with {@code Retry-After} instead. It also installs the
 * server-wide {@link ProblemErrorHandler}, so the web server's own errors are problems too.
 * {@link WebServerGates} registers it before the web server starts, so it is there from the first request on.
 */
public final class StartupGate extends AbstractHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StartupGate.class);
    static final String API_PREFIX = "/api/";
    static final String RETRY_AFTER_SECONDS = "5";

    /** True while the REST platform runs (its component publishes the platform server). */
    private final BooleanSupplier platformUp;

    private Server server;
    private ErrorHandler previousErrorHandler;

    StartupGate(BooleanSupplier platformUp) {
        this.platformUp = platformUp;
    }

    /** No Content-Type, or one without a charset, or with a charset this JVM can decode. */
    static boolean hasKnownCharset(String contentType) {
        if (contentType == null) {
            return true;
        }
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                String charset = pair[1].trim().replace("\"", "");
                try {
                    return java.nio.charset.Charset.isSupported(charset);
                } catch (java.nio.charset.IllegalCharsetNameException e) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean isApiPath(String path) {
        return path != null && (path.startsWith(API_PREFIX) || path.equals("/api"));
    }

    @Override
    public synchronized void setServer(Server server) {
        super.setServer(server);
        if (server != null && !(server.getErrorHandler() instanceof ProblemErrorHandler)) {
            try {
                ProblemErrorHandler problems = new ProblemErrorHandler();
                // Set first: the server may be starting, and it starts a new bean before giving it the server.
                problems.setServer(server);
                ErrorHandler previous = server.getErrorHandler();
                server.setErrorHandler(problems);
                this.server = server;
                previousErrorHandler = previous;
            } catch (RuntimeException e) {
                // Never take the web server down over its error pages.
                LOG.warn("Could not install the problem+json error handler; the web server keeps its own: {}", e.toString());
            }
        }
    }

    synchronized void restoreErrorHandler() {
        // The server outlives this bundle: give it back its own error handler, so no class of ours stays reachable.
        if (server != null && server.getErrorHandler() instanceof ProblemErrorHandler && previousErrorHandler != null) {
            server.setErrorHandler(previousErrorHandler);
        }
        server = null;
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (baseRequest.isHandled() || !isApiPath(request.getRequestURI())) {
            return;
        }
        if (!hasKnownCharset(request.getContentType())) {
            // The servlet container would fail decoding the body with a 500; the client sent a charset nobody knows.
            String correlationId = UUID.randomUUID().toString();
            LOG.warn("415 on {}: unknown charset in Content-Type [{}]", Problems.sanitize(request.getRequestURI()), correlationId);
            ProblemErrorHandler.write(baseRequest, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, request.getRequestURI(), correlationId);
            return;
        }
        if (platformUp.getAsBoolean()) {
            return;
        }
        String correlationId = UUID.randomUUID().toString();
        LOG.warn("503 on {}: the REST platform is not up [{}]", Problems.sanitize(request.getRequestURI()), correlationId);
        ProblemErrorHandler.write(baseRequest, response, HttpStatus.SERVICE_UNAVAILABLE_503, request.getRequestURI(), correlationId);
    }
}
