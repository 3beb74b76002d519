package org.calmdesk.followup.internal.shell;

import java.security.AccessController;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.UserPrincipal;

/** The console user a change is recorded for: the JAAS user of an SSH session, else "console". */
final class ShellActor {

    private ShellActor() {
    }

    @SuppressWarnings("removal") // Karaf 4.4 runs shell sessions under Subject.doAs; this is how to read it on Java 17.
    static String current() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject != null) {
            for (UserPrincipal user : subject.getPrincipals(UserPrincipal.class)) {
                return user.getName();
            }
        }
        return "console";
    }
}
