package org.calmdesk.customer.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.calmdesk.core.error.CalmdeskException;
import org.calmdesk.customer.api.CustomerService;
import org.calmdesk.customer.api.DuplicateCandidate;

@Command(scope = "calmdesk", name = "customer-duplicates",
        description = "Lists likely duplicates of a customer (same phone or e-mail, similar name), best first")
@Service
public class CustomerDuplicatesCommand implements Action {

    @Reference
    CustomerService customers;

    @Argument(index = 0, name = "id", description = "Customer id", required = true)
    @Completion(CustomerIdCompleter.class)
    String id;

    @Option(name = "--limit", aliases = "-n", description = "At most this many (1-100, default 20)")
    int limit = 20;

    @Override
    public Object execute() {
        List<DuplicateCandidate> candidates;
        try {
            candidates = customers.duplicates(id, limit);
        } catch (CalmdeskException e) {
            System.err.println(e.getMessage());
            return null;
        }
        if (candidates.isEmpty()) {
            System.out.println("No likely duplicates of " + id);
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Name");
        table.column("Phone");
        table.column("Email");
        table.column("Score");
        table.column("Reasons");
        for (DuplicateCandidate c : candidates) {
            table.addRow().addContent(c.customer().id(), c.customer().name(), CustomerListCommand.orDash(c.customer().phone()),
                    CustomerListCommand.orDash(c.customer().email()), String.format(java.util.Locale.ROOT, "%.2f", c.score()),
                    String.join(",", c.reasons()));
        }
        table.print(System.out);
        return null;
    }
}
