package org.calmdesk.rest;

import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.Response;

/**
 * ETags carry a resource's {@code version}: {@code ETag: "3"}. {@code If-Match} with another
 * version is stale (412); without If-Match the last write wins.
 */
public final class ETags {

    private ETags() {
    }

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    public static Response.ResponseBuilder ok(Object entity, long version) {
        return Response.ok(entity).tag(of(version));
    }

    /**
     * The version an {@code If-Match} header demands, or {@code null} when any version will do
     * (no header, or {@code *}). A tag that is not a version number can never match: -1. Neither
     * can a weak tag ({@code W/"2"}): If-Match compares strongly (RFC 9110, 13.1.1).
     */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            return -1L;
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            return -1L;
        }
    }
}
