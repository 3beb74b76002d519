package org.calmdesk.rest;

/**
 * JAAS roles of the REST API. {@link #ADMIN} may do everything, so resources list only the
 * other roles an endpoint admits; an endpoint with no {@code @RolesAllowed} is admin-only.
 */
public final class Roles {

    /** All endpoints, including erasure and configuration. */
    public static final String ADMIN = "crm-admin";
    /** Daily complaint work: no erasure, no configuration. */
    public static final String AGENT = "crm-agent";
    /** External CRMs: upsert customers, open tickets, read; no deletes. */
    public static final String INTEGRATION = "crm-integration";

    private Roles() {
    }
}
