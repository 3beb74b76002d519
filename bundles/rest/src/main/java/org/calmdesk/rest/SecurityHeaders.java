package org.calmdesk.rest;

import java.util.Map;

/**
 * Headers every answer of the API carries, whoever writes it (the REST platform or the web
 * server itself): answers hold personal data, so nothing stores them; and browsers neither sniff,
 * frame nor leak the URL of an answer elsewhere.
 */
public final class SecurityHeaders {

    public static final Map<String, String> ALL = Map.of(
            "Cache-Control", "no-store",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer");

    private SecurityHeaders() {
    }
}
