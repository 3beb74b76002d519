package org.calmdesk.rest.internal;

import java.net.URI;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServletRequest;

/**
 * The absolute base a client reached the API at ({@code http://host:8181/api}), from the request
 * itself. CXF's own base URI cannot be used: with address updates disabled (etc/org.apache.cxf.osgi.cfg,
 * so one client's Host header never leaks into another's answers) it always names localhost.
 */
final class RequestBase {

    private static final Pattern AUTHORITY = Pattern.compile("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?");

    private RequestBase() {
    }

    static String of(HttpServletRequest request) {
        URI url = URI.create(request.getRequestURL().toString());
        String authority = url.getRawAuthority();
        if (authority == null || !AUTHORITY.matcher(authority).matches()) {
            // A Host header that is not a host: name the server's own address instead of echoing it.
            authority = request.getLocalName() + ":" + request.getLocalPort();
        }
        return url.getScheme() + "://" + authority + request.getContextPath() + request.getServletPath();
    }
}
