package org.calmdesk.rest.internal;

/** The client's address for throttling: the connection's, or the first X-Forwarded-For hop behind a trusted proxy. */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(String remoteAddress, String forwardedFor, boolean trustForwardedFor) {
        if (trustForwardedFor && forwardedFor != null && !forwardedFor.isBlank()) {
            String first = forwardedFor.split(",")[0].trim();
            if (!first.isEmpty()) {
                return first.length() > 64 ? first.substring(0, 64) : first;
            }
        }
        return remoteAddress == null ? "unknown" : remoteAddress;
    }
}
