package org.calmdesk.events.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.calmdesk.events.api.Webhook;
import org.calmdesk.events.api.WebhookService;

/** Completes webhook ids. */
@Service
public class WebhookIdCompleter implements Completer {

    @Reference
    WebhookService webhooks;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(webhooks.list().stream().map(Webhook::id).toList()).complete(session, commandLine, candidates);
    }
}
