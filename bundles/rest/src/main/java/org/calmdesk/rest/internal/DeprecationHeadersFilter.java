package org.calmdesk.rest.internal;

import java.lang.reflect.Method;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;

/**
 * Announces a deprecated operation on every answer (docs/api-versioning.md): {@code Deprecation}
 * (RFC 9745) from {@code since}, {@code Sunset} (RFC 8594) from {@code sunset} and a
 * {@code Link rel="deprecation"} from {@code link}, all read from the resource method's
 * {@code @Operation(deprecated = true, extensions = @Extension(name = "x-deprecation", ...))}, the
 * same annotation the OpenAPI document shows.
 */
@Priority(Priorities.HEADER_DECORATOR)
final class DeprecationHeadersFilter implements ContainerResponseFilter {

    static final String EXTENSION = "x-deprecation";

    @Context
    ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        Operation operation = method == null ? null : method.getAnnotation(Operation.class);
        if (operation != null) {
            headers(operation).forEach(response.getHeaders()::putSingle);
        }
    }

    /** The headers a (deprecated) operation's answers carry; none for an operation that is not deprecated. */
    static Map<String, String> headers(Operation operation) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (!operation.deprecated()) {
            return headers;
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (Extension extension : operation.extensions()) {
            if (EXTENSION.equals(extension.name())) {
                for (ExtensionProperty property : extension.properties()) {
                    properties.put(property.name(), property.value());
                }
            }
        }
        String since = properties.get("since");
        // RFC 9745: a structured date, "@" and Unix seconds; without a known date, "true" still warns clients.
        headers.put("Deprecation", since == null ? "true"
                : "@" + LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toEpochSecond());
        String sunset = properties.get("sunset");
        if (sunset != null) {
            headers.put("Sunset", DateTimeFormatter.RFC_1123_DATE_TIME.format(LocalDate.parse(sunset).atStartOfDay(ZoneOffset.UTC)));
        }
        String link = properties.get("link");
        if (link != null) {
            headers.put("Link", "<" + link + ">; rel=\"deprecation\"");
        }
        return headers;
    }
}
