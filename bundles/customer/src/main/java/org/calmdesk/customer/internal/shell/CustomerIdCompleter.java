package org.calmdesk.customer.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.customer.api.CustomerQuery;
import org.calmdesk.customer.api.CustomerService;

/** Completes ids and external refs of customers matching what was typed so far. */
@Service
public class CustomerIdCompleter implements Completer {

    @Reference
    CustomerService customers;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        String typed = commandLine.getCursorArgument() == null ? "" : commandLine.getCursorArgument()
                .substring(0, commandLine.getArgumentPosition());
        StringsCompleter delegate = new StringsCompleter();
        customers.list(new CustomerQuery(typed.isEmpty() ? null : typed, null, null, null), PageRequest.first(PageRequest.MAX_LIMIT))
                .items().forEach(c -> {
                    delegate.getStrings().add(c.id());
                    if (c.externalRef() != null) {
                        delegate.getStrings().add(c.externalRef());
                    }
                });
        return delegate.complete(session, commandLine, candidates);
    }
}
