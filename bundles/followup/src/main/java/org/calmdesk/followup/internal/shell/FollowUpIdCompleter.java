package org.calmdesk.followup.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.followup.api.FollowUpQuery;
import org.calmdesk.followup.api.FollowUpService;
import org.calmdesk.followup.api.FollowUpStatus;

/** Completes the ids of open follow-ups, overdue ones first, then the soonest due. */
@Service
public class FollowUpIdCompleter implements Completer {

    @Reference
    FollowUpService followUps;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        for (FollowUpStatus status : List.of(FollowUpStatus.OVERDUE, FollowUpStatus.PENDING)) {
            followUps.list(new FollowUpQuery(status, null, null, null, null), PageRequest.first(100)).items()
                    .forEach(f -> delegate.getStrings().add(f.id()));
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
