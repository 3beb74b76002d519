package org.calmdesk.rest.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which paths the catch-all answers with a 503 (the API is not up) rather than a 404. */
class ProblemServletTest {

    @Test
    void apiPathsAreTheApisOwn() {
        assertTrue(ProblemServlet.isApiPath("/api/v1/customers/42"));
        assertTrue(ProblemServlet.isApiPath("/api"));
        assertFalse(ProblemServlet.isApiPath("/apidocs"));
        assertFalse(ProblemServlet.isApiPath("/system/console"));
        assertFalse(ProblemServlet.isApiPath(null));
    }

    @Test
    void cxfsNullPointerOnAStoppingServerIsAModuleGoingAwayAndNothingElseIs() {
        NullPointerException stopping = new NullPointerException("this.incomingObserver is null");
        stopping.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("org.apache.cxf.transport.http.AbstractHTTPDestination", "invoke", "AbstractHTTPDestination.java", 267),
                new StackTraceElement("org.apache.cxf.transport.servlet.ServletController", "invokeDestination", "ServletController.java", 234) });
        assertTrue(ProblemServlet.isCxfServerGoingAway(stopping));
        assertTrue(ProblemServlet.isCxfServerGoingAway(new javax.servlet.ServletException(stopping)));

        NullPointerException ours = new NullPointerException();
        ours.setStackTrace(new StackTraceElement[] { new StackTraceElement("org.calmdesk.ticket.internal.TicketResource", "get", "T.java", 1) });
        assertFalse(ProblemServlet.isCxfServerGoingAway(ours), "a bug of ours stays a 500");
        assertFalse(ProblemServlet.isCxfServerGoingAway(new IllegalStateException("x")));
        assertFalse(ProblemServlet.isCxfServerGoingAway(null));
    }
}
