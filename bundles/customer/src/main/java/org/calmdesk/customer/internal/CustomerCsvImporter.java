package org.calmdesk.customer.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.calmdesk.core.error.CalmdeskException;
import org.calmdesk.core.error.ValidationException;
import org.calmdesk.customer.api.CustomerDraft;
import org.calmdesk.customer.api.CustomerService;
import org.calmdesk.customer.api.UpsertResult;

/**
 * Imports customers from CSV with the header {@code externalRef,name,email,phone,segment,tags}
 * (tags separated by {@code ;}), upserting by externalRef. Each row stands alone: a bad row is
 * reported with its line number and never stops the good ones.
 */
public final class CustomerCsvImporter {

    static final List<String> HEADER = List.of("externalRef", "name", "email", "phone", "segment", "tags");

    public record Rejected(long line, String reason) {
    }

    public record Report(int created, int updated, List<Rejected> rejected) {
    }

    private final CustomerService customers;

    public CustomerCsvImporter(CustomerService customers) {
        this.customers = customers;
    }

    public Report importFrom(Reader csv, String actor) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setHeader().setSkipHeaderRecord(true).setTrim(true).setIgnoreEmptyLines(true).get();
        int created = 0;
        int updated = 0;
        List<Rejected> rejected = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(csv, format)) {
            List<String> header = parser.getHeaderNames();
            if (!header.equals(HEADER)) {
                throw new ValidationException("header", "must be " + String.join(",", HEADER) + " but is "
                        + String.join(",", header));
            }
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                long line = parser.getCurrentLineNumber() + 1;
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException malformed) {
                    rejected.add(new Rejected(line, "unreadable CSV from here on: " + rootMessage(malformed)));
                    break;
                }
                try {
                    UpsertResult result = importRow(record);
                    if (result.created()) {
                        created++;
                    } else {
                        updated++;
                    }
                } catch (CalmdeskException e) {
                    rejected.add(new Rejected(line, e.getMessage()));
                }
            }
        }
        return new Report(created, updated, rejected);
    }

    private UpsertResult importRow(CSVRecord record) {
        if (record.size() != HEADER.size()) {
            throw new ValidationException("row", "has " + record.size() + " columns, expected " + HEADER.size());
        }
        String externalRef = record.get("externalRef");
        if (externalRef.isEmpty()) {
            throw new ValidationException("externalRef", "is required to import a row");
        }
        List<String> tags = record.get("tags").isEmpty() ? List.of()
                : Arrays.stream(record.get("tags").split(";")).map(String::trim).filter(t -> !t.isEmpty()).toList();
        CustomerDraft draft = new CustomerDraft(externalRef, record.get("name"), emptyToNull(record.get("email")),
                emptyToNull(record.get("phone")), null, emptyToNull(record.get("segment")), null, tags, null);
        return customers.upsertByExternalRef(externalRef, draft, "csv-import");
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
