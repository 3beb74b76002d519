package org.calmdesk.customer.internal.shell;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.calmdesk.core.error.ValidationException;
import org.calmdesk.customer.api.CustomerService;
import org.calmdesk.customer.internal.CustomerCsvImporter;
import org.calmdesk.rest.shell.ShellActor;

@Command(scope = "calmdesk", name = "customer-import",
        description = "Upserts customers from a UTF-8 CSV file with the header externalRef,name,email,phone,segment,tags")
@Service
public class CustomerImportCommand implements Action {

    @Reference
    CustomerService customers;

    @Argument(index = 0, name = "file", description = "CSV file; tags separated by ';'", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Override
    public Object execute() throws Exception {
        CustomerCsvImporter.Report report;
        try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            report = new CustomerCsvImporter(customers).importFrom(reader, ShellActor.current());
        } catch (NoSuchFileException e) {
            System.err.println("No such file: " + file);
            return null;
        } catch (ValidationException e) {
            System.err.println("Not imported: " + e.getMessage());
            return null;
        }
        System.out.printf("created: %d, updated: %d, rejected: %d%n", report.created(), report.updated(),
                report.rejected().size());
        for (CustomerCsvImporter.Rejected rejected : report.rejected()) {
            System.out.printf("  line %d: %s%n", rejected.line(), rejected.reason());
        }
        return null;
    }
}
