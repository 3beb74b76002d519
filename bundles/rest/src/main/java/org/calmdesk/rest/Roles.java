package org.calmdesk.rest;

/**
 * JAAS roles of the REST API. {@link #ADMIN} may do everything; who else may call what is one
 * table in the REST platform (RolePolicy), following API.md.
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
