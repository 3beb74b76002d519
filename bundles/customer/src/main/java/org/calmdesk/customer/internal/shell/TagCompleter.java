package org.calmdesk.customer.internal.shell;

import java.util.List;
import java.util.TreeSet;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.customer.api.Customer;
import org.calmdesk.customer.api.CustomerQuery;
import org.calmdesk.customer.api.CustomerService;

/** Completes tags seen on the most recent customers. */
@Service
public class TagCompleter implements Completer {

    @Reference
    CustomerService customers;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        TreeSet<String> tags = new TreeSet<>();
        for (Customer c : customers.list(CustomerQuery.all(), PageRequest.first(PageRequest.MAX_LIMIT)).items()) {
            tags.addAll(c.tags());
        }
        return new StringsCompleter(tags).complete(session, commandLine, candidates);
    }
}
