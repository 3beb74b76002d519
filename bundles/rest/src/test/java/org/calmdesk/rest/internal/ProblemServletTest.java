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
}
