package org.calmdesk.core.persistence;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;

/**
 * Every persistence unit's EclipseLink session ({@code eclipselink.session.customizer}): a query
 * that fails because its connection broke fails at once instead of being retried. EclipseLink's
 * default retries it up to three times, 5 s apart, so with the database down a request took 10 s
 * and more before its 503. The pool already hands out only validated connections, so a retry
 * would not find a better one.
 */
public class FailFastSession implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
            login.setQueryRetryAttemptCount(0);
            login.setDelayBetweenConnectionAttempts(0);
        }
    }
}
