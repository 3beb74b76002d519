package org.calmdesk.customer.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.calmdesk.core.error.CalmdeskException;
import org.calmdesk.customer.api.Customer;
import org.calmdesk.customer.api.CustomerService;
import org.calmdesk.rest.shell.ShellActor;

@Command(scope = "calmdesk", name = "customer-merge",
        description = "Merges customer SOURCE into TARGET: every installed module moves SOURCE's records to TARGET; SOURCE stays as a tombstone")
@Service
public class CustomerMergeCommand implements Action {

    @Reference
    CustomerService customers;

    @Argument(index = 0, name = "target", description = "The customer that keeps everything", required = true)
    @Completion(CustomerIdCompleter.class)
    String target;

    @Argument(index = 1, name = "source", description = "The duplicate merged into the target", required = true)
    @Completion(CustomerIdCompleter.class)
    String source;

    @Override
    public Object execute() {
        try {
            Customer merged = customers.merge(target, source, ShellActor.current());
            System.out.println("Customer " + source + " merged into " + merged.id() + " (" + merged.name() + ")");
        } catch (CalmdeskException e) {
            System.err.println("Not merged: " + e.getMessage());
        }
        return null;
    }
}
