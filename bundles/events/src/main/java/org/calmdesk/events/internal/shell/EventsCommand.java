package org.calmdesk.events.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.core.paging.Page;
import org.calmdesk.events.api.EventFeed;

@Command(scope = "calmdesk", name = "events", description = "Lists the event log in sequence order (what the /events feed shows)")
@Service
public class EventsCommand implements Action {

    @Reference
    EventFeed feed;

    @Option(name = "--topic", aliases = "-t", description = "A topic, or a prefix ending in * (calmdesk/ticket/*)")
    @Completion(TopicCompleter.class)
    String topic;

    @Option(name = "--after", aliases = "-a", description = "Only events after this sequence (default: the last --limit events)")
    String after;

    @Option(name = "--limit", aliases = "-n", description = "At most this many events (1-500)")
    int limit = 20;

    @Override
    public Object execute() {
        String from = after;
        if (from == null) {
            from = String.valueOf(Math.max(0, feed.head() - limit));
        }
        Page<LoggedEvent> page = feed.after(from, topic, limit);
        ShellTable table = new ShellTable();
        table.column("Sequence").alignRight();
        table.column("Occurred");
        table.column("Type");
        table.column("Resource");
        table.column("Id");
        table.column("Data").maxSize(60);
        for (LoggedEvent event : page.items()) {
            table.addRow().addContent(event.sequence(), event.occurredAt(), event.type(),
                    event.resourceId() == null ? "-" : event.resourceId(), event.id(),
                    (event.redacted() ? "(redacted) " : "") + event.data());
        }
        table.print(System.out);
        System.out.println("next: --after " + page.nextCursor());
        return null;
    }
}
