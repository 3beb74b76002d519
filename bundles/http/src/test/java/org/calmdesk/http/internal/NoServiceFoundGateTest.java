package org.calmdesk.http.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NoServiceFoundGateTest {

    @Test
    void cxfsHtmlNotFoundUnderTheApiIsAModuleStartingOrStopping() {
        assertTrue(NoServiceFoundGate.isCxfNotFound("/api/v1/customers/42", 404, "text/html", false));
        assertTrue(NoServiceFoundGate.isCxfNotFound("/api/v1/tickets", 404, "TEXT/HTML;charset=utf-8", false));
    }

    @Test
    void calmdesksOwnAnswersAreLeftAlone() {
        // An unknown id or path is a problem document: a true 404.
        assertFalse(NoServiceFoundGate.isCxfNotFound("/api/v1/customers/42", 404, "application/problem+json", false));
        assertFalse(NoServiceFoundGate.isCxfNotFound("/api/v1/customers/42", 200, "text/html", false));
        // Outside the API (the explorer's static files, other web contexts) nothing is rewritten.
        assertFalse(NoServiceFoundGate.isCxfNotFound("/system/console", 404, "text/html", false));
        // A response already on its way cannot be replaced.
        assertFalse(NoServiceFoundGate.isCxfNotFound("/api/v1/customers/42", 404, "text/html", true));
        assertFalse(NoServiceFoundGate.isCxfNotFound("/api/v1/customers/42", 404, null, false));
    }
}
