package org.calmdesk.customer.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.customer.api.Customer;
import org.calmdesk.customer.api.CustomerQuery;
import org.calmdesk.customer.api.CustomerService;
import org.calmdesk.customer.api.Temperament;

@Command(scope = "calmdesk", name = "customer-list", description = "Lists customers, oldest first")
@Service
public class CustomerListCommand implements Action {

    @Reference
    CustomerService customers;

    @Option(name = "--query", aliases = "-q", description = "Substring of name, email, phone or externalRef")
    String query;

    @Option(name = "--tag", description = "Only customers with this tag")
    @Completion(TagCompleter.class)
    String tag;

    @Option(name = "--temperament", description = "EMOTIONAL, RATIONAL, UNREASONABLE or UNKNOWN")
    @Completion(TemperamentCompleter.class)
    Temperament temperament;

    @Option(name = "--segment", description = "Only customers of this segment")
    String segment;

    @Option(name = "--limit", aliases = "-n", description = "At most this many rows (1-200)")
    int limit = 50;

    @Override
    public Object execute() {
        Page<Customer> page = customers.list(new CustomerQuery(query, temperament, segment, tag), PageRequest.of(limit, null));
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("External ref");
        table.column("Name");
        table.column("Phone");
        table.column("Segment");
        table.column("Temperament");
        table.column("Tags");
        for (Customer c : page.items()) {
            table.addRow().addContent(c.id(), orDash(c.externalRef()), c.name(), orDash(c.phone()), orDash(c.segment()),
                    c.temperament(), String.join(",", c.tags()));
        }
        table.print(System.out);
        if (page.nextCursor() != null) {
            System.out.println("(more customers: raise --limit or narrow the query)");
        }
        return null;
    }

    static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
