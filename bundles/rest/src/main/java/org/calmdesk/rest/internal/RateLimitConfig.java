package org.calmdesk.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(id = "calmdesk.ratelimit", name = "Calmdesk rate limits",
        description = "Failed-login throttling and per-user API quotas of every Calmdesk REST endpoint, and where the "
                + "counters live. Changes apply live; a changed quota starts with full buckets.")
public @interface RateLimitConfig {

    @AttributeDefinition(name = "Store",
            description = "MEMORY counts on each node; POSTGRESQL keeps the counters in the shared DataSource 'calmdesk' "
                    + "(table calmdesk_rate_limit), so limits hold across nodes. Falls back to MEMORY when the "
                    + "DataSource is not PostgreSQL or not there.",
            options = { @Option(label = "This node's memory", value = "MEMORY"),
                    @Option(label = "Shared PostgreSQL", value = "POSTGRESQL") })
    String store() default "MEMORY";

    @AttributeDefinition(name = "Failed logins per user",
            description = "Wrong passwords (or unknown users) allowed per user name and window; more answer 429 until "
                    + "Retry-After, even with the right password. 0 turns it off.")
    int loginFailuresPerUser() default 10;

    @AttributeDefinition(name = "Failed logins per client address",
            description = "Failed logins allowed per client address and window, whatever the user names; 0 turns it off.")
    int loginFailuresPerAddress() default 50;

    @AttributeDefinition(name = "Failed-login window (seconds)",
            description = "The window of both failed-login allowances; they come back gradually over it.")
    int loginWindowSeconds() default 300;

    @AttributeDefinition(name = "crm-admin requests per minute",
            description = "API requests per minute for each user with the role crm-admin; 0 means no limit.")
    int adminRequestsPerMinute() default 600_000;

    @AttributeDefinition(name = "crm-agent requests per minute",
            description = "API requests per minute for each user with the role crm-agent; 0 means no limit.")
    int agentRequestsPerMinute() default 6_000;

    @AttributeDefinition(name = "crm-integration requests per minute",
            description = "API requests per minute for each user with the role crm-integration (external CRMs "
                    + "syncing in bulk); 0 means no limit.")
    int integrationRequestsPerMinute() default 60_000;

    @AttributeDefinition(name = "Other users' requests per minute",
            description = "API requests per minute for an authenticated user with none of the roles above.")
    int otherRequestsPerMinute() default 600;

    @AttributeDefinition(name = "Trust X-Forwarded-For",
            description = "Take the client address of failed logins from X-Forwarded-For (only behind a proxy that sets it).")
    boolean trustForwardedFor() default false;
}
