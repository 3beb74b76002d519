package org.calmdesk.rest.shell;

import java.security.AccessController;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.UserPrincipal;

/**
 * The console user a change is recorded for: the JAAS user of the shell session (SSH or the local
 * console after login), else "console". Every module's commands record changes with it.
 */
public final class ShellActor {

    static final String UNKNOWN = "console";

    private ShellActor() {
    }

    @SuppressWarnings("removal") // Karaf 4.4 runs shell sessions under Subject.doAs; this is how to read it on Java 17.
    public static String current() {
        return of(Subject.getSubject(AccessController.getContext()));
    }

    static String of(Subject subject) {
        if (subject != null) {
            for (UserPrincipal user : subject.getPrincipals(UserPrincipal.class)) {
                return user.getName();
            }
        }
        return UNKNOWN;
    }
}
