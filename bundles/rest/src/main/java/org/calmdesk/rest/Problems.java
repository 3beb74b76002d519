package org.calmdesk.rest;

/** Media type of every error body (RFC 9457). */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }
}
