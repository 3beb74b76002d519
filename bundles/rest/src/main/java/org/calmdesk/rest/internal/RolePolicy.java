package org.calmdesk.rest.internal;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.calmdesk.rest.Roles;

/**
 * Who may call what: the one table of API.md's roles, read top to bottom, first match wins.
 * {@code crm-admin} may call everything; {@code crm-agent} does the daily work (no erasure, no
 * configuration); {@code crm-integration} is for external CRMs (upsert customers and their
 * interactions, open tickets, read; no deletes). A path no row covers is admin-only, so a new
 * endpoint fails closed until it is given a row here.
 */
final class RolePolicy {

    /** Open to anyone, no credentials (health for load balancers, survey answers by token). */
    static final Set<String> OPEN = Set.of("*open*");
    private static final Set<String> ADMIN = Set.of(Roles.ADMIN);
    private static final Set<String> DAILY_WORK = Set.of(Roles.ADMIN, Roles.AGENT);
    private static final Set<String> EVERY_ROLE = Set.of(Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION);
    private static final Set<String> ADMIN_AND_INTEGRATION = Set.of(Roles.ADMIN, Roles.INTEGRATION);

    record Rule(String method, Pattern path, String pattern, Set<String> roles) {

        boolean matches(String requestMethod, String requestPath) {
            return (method.equals("*") || method.equals(requestMethod)) && path.matcher(requestPath).matches();
        }
    }

    /** Paths below the CXF servlet ({@code /api}); {@code *} is one path segment, {@code **} the rest. */
    static final List<Rule> TABLE = List.of(
            rule("GET", "/v1/health", OPEN),
            rule("GET", "/v1/health/**", OPEN),
            rule("*", "/v1/survey-responses/**", OPEN),
            // The API explorer's page, its assets and its copy of the OpenAPI document (outside /v1):
            // they describe the API, never its data; every call made from the explorer is checked here.
            rule("GET", "/docs", OPEN),
            rule("GET", "/docs/**", OPEN),
            // Erasure and configuration: crm-admin only.
            rule("DELETE", "/v1/customers/*", ADMIN),
            rule("POST", "/v1/surveys", ADMIN),
            rule("PUT", "/v1/surveys/*", ADMIN),
            rule("POST", "/v1/articles/import", ADMIN),
            rule("POST", "/v1/articles/import-starter", ADMIN),
            rule("POST", "/v1/articles/reindex", ADMIN),
            // The event feed: admins and the CRMs that poll it.
            rule("GET", "/v1/events", ADMIN_AND_INTEGRATION),
            rule("*", "/v1/events/**", ADMIN_AND_INTEGRATION),
            rule("*", "/v1/webhooks", ADMIN),
            rule("*", "/v1/webhooks/**", ADMIN),
            // What an external CRM writes: its customers (by id or by its own reference), their
            // interactions, and new tickets. Analysing a text changes nothing, like a read.
            rule("POST", "/v1/customers", EVERY_ROLE),
            rule("PUT", "/v1/customers/*", EVERY_ROLE),
            rule("PUT", "/v1/customers/external/*", EVERY_ROLE),
            rule("POST", "/v1/customers/*/interactions", EVERY_ROLE),
            rule("POST", "/v1/tickets", EVERY_ROLE),
            rule("POST", "/v1/emotion/analyze", EVERY_ROLE),
            // Merging duplicate customers is an agent's judgement, never a CRM's sync.
            rule("POST", "/v1/customers/*/merge", DAILY_WORK),
            // So are merging duplicate tickets and splitting one: never a CRM's.
            rule("POST", "/v1/tickets/*/merge", DAILY_WORK),
            rule("POST", "/v1/tickets/*/split", DAILY_WORK),
            // Every read.
            rule("GET", "/v1/**", EVERY_ROLE),
            rule("HEAD", "/v1/**", EVERY_ROLE),
            // Every other change is daily work.
            rule("*", "/v1/**", DAILY_WORK));

    private RolePolicy() {
    }

    private static Rule rule(String method, String pattern, Set<String> roles) {
        StringBuilder regex = new StringBuilder();
        for (String segment : pattern.substring(1).split("/")) {
            if (segment.equals("**")) {
                regex.append("(/.*)?");
            } else {
                regex.append('/').append(segment.equals("*") ? "[^/]+" : Pattern.quote(segment));
            }
        }
        return new Rule(method, Pattern.compile(regex.toString()), pattern, roles);
    }

    /** The roles that may call {@code method path}; {@link #OPEN} when no credentials are needed. */
    static Set<String> rolesFor(String method, String path) {
        String normalised = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (Rule rule : TABLE) {
            if (rule.matches(method, normalised)) {
                return rule.roles();
            }
        }
        return ADMIN;
    }

    static boolean isOpen(String method, String path) {
        return rolesFor(method, path) == OPEN;
    }
}
