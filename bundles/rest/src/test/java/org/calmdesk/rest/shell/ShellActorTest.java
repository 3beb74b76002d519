package org.calmdesk.rest.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.jupiter.api.Test;

class ShellActorTest {

    @Test
    void theSessionsJaasUserIsTheActorNotItsRoles() {
        Subject subject = new Subject(true, Set.of(new RolePrincipal("admin"), new UserPrincipal("li.lei")), Set.of(), Set.of());
        assertEquals("li.lei", ShellActor.of(subject));
    }

    @Test
    void withoutALoggedInUserTheActorIsTheConsole() {
        assertEquals("console", ShellActor.current());
        assertEquals("console", ShellActor.of(new Subject()));
    }
}
