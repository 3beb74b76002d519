package org.calmdesk.events.internal.shell;

import java.util.List;
import java.util.TreeSet;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.events.api.EventFeed;

/** Completes topics: each module's prefix and the topics seen in the latest events. */
@Service
public class TopicCompleter implements Completer {

    @Reference
    EventFeed feed;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        TreeSet<String> topics = new TreeSet<>();
        for (LoggedEvent event : feed.after(String.valueOf(Math.max(0, feed.head() - 500)), null, 500).items()) {
            topics.add(event.topic());
            topics.add(event.topic().substring(0, event.topic().lastIndexOf('/') + 1) + "*");
        }
        return new StringsCompleter(topics).complete(session, commandLine, candidates);
    }
}
