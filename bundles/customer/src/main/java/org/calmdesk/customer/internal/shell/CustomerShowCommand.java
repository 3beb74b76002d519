package org.calmdesk.customer.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.customer.api.Customer;
import org.calmdesk.customer.api.CustomerService;
import org.calmdesk.customer.api.Interaction;

@Command(scope = "calmdesk", name = "customer-show", description = "Shows one customer and their latest interactions")
@Service
public class CustomerShowCommand implements Action {

    @Reference
    CustomerService customers;

    @Argument(index = 0, name = "id", description = "Customer id (or externalRef)", required = true)
    @Completion(CustomerIdCompleter.class)
    String id;

    @Override
    public Object execute() {
        Customer c = customers.find(id).or(() -> customers.findByExternalRef(id)).orElse(null);
        if (c == null) {
            System.err.println("No customer with id or externalRef " + id);
            return null;
        }
        ShellTable fields = new ShellTable().noHeaders();
        fields.column("Field");
        fields.column("Value");
        fields.addRow().addContent("Id", c.id());
        fields.addRow().addContent("External ref", CustomerListCommand.orDash(c.externalRef()));
        fields.addRow().addContent("Name", c.name());
        fields.addRow().addContent("Email", CustomerListCommand.orDash(c.email()));
        fields.addRow().addContent("Phone", CustomerListCommand.orDash(c.phone()));
        fields.addRow().addContent("Language", CustomerListCommand.orDash(c.language()));
        fields.addRow().addContent("Segment", CustomerListCommand.orDash(c.segment()));
        fields.addRow().addContent("Temperament", c.temperament());
        fields.addRow().addContent("Negativity", c.negativityScore());
        fields.addRow().addContent("Tags", String.join(",", c.tags()));
        fields.addRow().addContent("Notes", CustomerListCommand.orDash(c.notes()));
        fields.addRow().addContent("Erased", c.erased());
        fields.addRow().addContent("Merged into", CustomerListCommand.orDash(c.mergedInto()));
        fields.addRow().addContent("Created", c.createdAt());
        fields.addRow().addContent("Updated", c.updatedAt());
        fields.addRow().addContent("Version", c.version());
        fields.print(System.out);

        var interactions = customers.interactions(c.id(), PageRequest.first(10)).items();
        if (!interactions.isEmpty()) {
            System.out.println();
            ShellTable table = new ShellTable();
            table.column("When");
            table.column("Channel");
            table.column("Direction");
            table.column("Emotion");
            table.column("Summary").maxSize(60);
            for (Interaction i : interactions) {
                table.addRow().addContent(i.occurredAt(), i.channel(), i.direction(),
                        i.emotion() == null ? "-" : i.emotion(), i.summary());
            }
            table.print(System.out);
        }
        return null;
    }
}
