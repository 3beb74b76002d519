package org.calmdesk.rest.internal.shell;

import java.time.Instant;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.calmdesk.rest.internal.NodeDrain;
import org.calmdesk.rest.shell.ShellActor;

/**
 * {@code calmdesk:drain} before a module is installed or updated on one node of several:
 * readiness drops, the load balancer stops sending it requests, and those in flight finish.
 * {@code calmdesk:drain --off} puts it back; a restart does too.
 */
@Command(scope = "calmdesk", name = "drain",
        description = "Takes this node out of the load balancer's rotation (/health/ready answers 503, requests are still served); --off puts it back")
@Service
public class DrainCommand implements Action {

    @Reference
    NodeDrain drain;

    @Option(name = "--off", description = "Back into rotation: readiness follows the modules again")
    boolean off;

    @Override
    public Object execute() {
        if (off) {
            System.out.println(drain.stop(ShellActor.current()) ? "Back in rotation once /health/ready is 200 again."
                    : "This node was not draining.");
        } else {
            drain.start(ShellActor.current(), Instant.now());
            System.out.println("Draining: " + drain.reason());
        }
        return null;
    }
}
