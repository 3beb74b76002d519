package org.calmdesk.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;

/** The Deprecation, Sunset and Link headers come from the operation's own annotation. */
class DeprecationHeadersFilterTest {

    @Operation(operationId = "current")
    void current() {
    }

    @Operation(operationId = "old", deprecated = true, extensions = @Extension(name = DeprecationHeadersFilter.EXTENSION,
            properties = { @ExtensionProperty(name = "since", value = "2027-01-15"),
                    @ExtensionProperty(name = "sunset", value = "2027-07-15"),
                    @ExtensionProperty(name = "link", value = "https://example.test/changes#old") }))
    void old() {
    }

    @Operation(operationId = "undated", deprecated = true)
    void undated() {
    }

    private static Operation operation(String method) throws Exception {
        return DeprecationHeadersFilterTest.class.getDeclaredMethod(method).getAnnotation(Operation.class);
    }

    @Test
    void aCurrentOperationGetsNoHeaders() throws Exception {
        assertTrue(DeprecationHeadersFilter.headers(operation("current")).isEmpty());
    }

    @Test
    void aDeprecatedOperationAnnouncesItsDatesAndLink() throws Exception {
        Map<String, String> headers = DeprecationHeadersFilter.headers(operation("old"));
        assertEquals("@1799971200", headers.get("Deprecation"), "2027-01-15T00:00:00Z in Unix seconds (RFC 9745)");
        assertEquals("Thu, 15 Jul 2027 00:00:00 GMT", headers.get("Sunset"), "an HTTP date (RFC 8594)");
        assertEquals("<https://example.test/changes#old>; rel=\"deprecation\"", headers.get("Link"));
    }

    @Test
    void aDeprecationWithoutADateStillWarns() throws Exception {
        assertEquals(Map.of("Deprecation", "true"), DeprecationHeadersFilter.headers(operation("undated")));
    }
}
