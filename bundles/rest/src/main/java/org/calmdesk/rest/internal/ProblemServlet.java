package org.calmdesk.rest.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.servlet.RequestDispatcher;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.calmdesk.rest.Problems;
import org.calmdesk.rest.SecurityHeaders;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.LRUMap;

/**
 * Outside {@code /api} the web server would answer with its HTML error pages. This servlet takes
 * every path nothing else serves, and the web server's own error pages, and answers with a
 * problem document instead (a 503 with Retry-After where the failure is an API that is starting or
 * a module server that is stopping).
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.name=calmdesk-problems",
        "osgi.http.whiteboard.servlet.pattern=/",
        "osgi.http.whiteboard.servlet.errorPage=4xx",
        "osgi.http.whiteboard.servlet.errorPage=5xx" })
public class ProblemServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ProblemServlet.class);
    private final transient ObjectMapper mapper = new ObjectMapper().setTypeFactory(TypeFactory.defaultInstance().withCache(new LRUMap<>(16, 200)));

    static boolean isApiPath(String path) {
        return path != null && (path.equals("/api") || path.startsWith("/api/"));
    }

    /**
     * Whether a failure is CXF's servlet reaching a module's server in the moment it is stopped:
     * the server has let go of its destination's observer and the destination is not removed yet,
     * so CXF fails with a NullPointerException in {@code AbstractHTTPDestination.invoke}. The
     * module is going away (an update, a restart), not broken: a retry reaches it or a 503 gate.
     */
    static boolean isCxfServerGoingAway(Object error) {
        for (Throwable t = error instanceof Throwable thrown ? thrown : null; t != null; t = t.getCause()) {
            StackTraceElement[] trace = t.getStackTrace();
            if (t instanceof NullPointerException && trace.length > 0
                    && "org.apache.cxf.transport.http.AbstractHTTPDestination".equals(trace[0].getClassName())
                    && "invoke".equals(trace[0].getMethodName())) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object errorStatus = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = errorStatus instanceof Integer code ? code : 404;
        Object errorUri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = errorUri instanceof String uri ? uri : request.getRequestURI();
        // An API path reaches this catch-all only while the API's own servlet is not registered
        // (the REST runtime starting or restarting): the data exists, so retry, never "not found".
        boolean apiNotUp = status == 404 && isApiPath(path);
        boolean moduleGoingAway = status == 500 && isApiPath(path)
                && isCxfServerGoingAway(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
        if (apiNotUp || moduleGoingAway) {
            status = 503;
        }
        String detail = moduleGoingAway ? "The module of this path is restarting; retry after a few seconds"
                : apiNotUp ? "Calmdesk is starting or its REST runtime is restarting; retry after a few seconds"
                : status == 404 ? "No resource at this path; the API is under /api/v1"
                : ProblemResponses.titleOf(status);
        String correlationId = ProblemResponses.newCorrelationId();
        LOG.warn("{} from the catch-all servlet on {} [{}]", status, ProblemResponses.sanitize(path), correlationId);
        Map<String, Object> body = ProblemResponses.body(status, ProblemResponses.titleOf(status), detail,
                ProblemResponses.sanitize(path), correlationId, Map.of());
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(Problems.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        SecurityHeaders.ALL.forEach(response::setHeader);
        if (apiNotUp || moduleGoingAway) {
            response.setHeader("Retry-After", String.valueOf(org.calmdesk.core.error.UnavailableException.DEFAULT_RETRY_AFTER_SECONDS));
        }
        if (!"HEAD".equals(request.getMethod())) {
            mapper.writeValue(response.getOutputStream(), body);
        }
    }
}
