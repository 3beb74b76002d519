package org.calmdesk.followup.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.calmdesk.core.error.CalmdeskException;
import org.calmdesk.followup.api.FollowUp;
import org.calmdesk.followup.api.FollowUpService;
import org.calmdesk.rest.shell.ShellActor;

@Command(scope = "calmdesk", name = "followup-complete", description = "Records the outcome of a follow-up")
@Service
public class FollowUpCompleteCommand implements Action {

    @Reference
    FollowUpService followUps;

    @Argument(index = 0, name = "id", description = "Follow-up id", required = true)
    @Completion(FollowUpIdCompleter.class)
    String id;

    @Option(name = "--satisfied", description = "The customer is satisfied (closes the ticket)")
    boolean satisfied;

    @Option(name = "--unsatisfied", description = "The customer is not satisfied (reopens the ticket)")
    boolean unsatisfied;

    @Option(name = "--summary", aliases = "-s", description = "What the customer said", required = true)
    String summary;

    @Override
    public Object execute() {
        if (satisfied == unsatisfied) {
            System.out.println("Say exactly one of --satisfied or --unsatisfied");
            return null;
        }
        try {
            FollowUp done = followUps.complete(id, new org.calmdesk.followup.api.Completion(summary, satisfied), ShellActor.current());
            System.out.println("Follow-up " + done.id() + " " + done.status() + " (" + done.punctuality() + ")");
        } catch (CalmdeskException e) {
            System.out.println("Not completed: " + e.getMessage());
        }
        return null;
    }
}
