package org.calmdesk.events.internal.shell;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import javax.sql.DataSource;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.calmdesk.core.events.EventLog;

@Command(scope = "calmdesk", name = "event-consumers",
        description = "Where each durable event consumer stands in the log: its lag behind the head and its last failure")
@Service
public class EventConsumersCommand implements Action {

    @Reference(filter = "(osgi.jndi.service.name=calmdesk.events)")
    DataSource db;

    @Override
    public Object execute() throws Exception {
        ShellTable table = new ShellTable();
        table.column("Consumer");
        table.column("Position").alignRight();
        table.column("Lag").alignRight();
        table.column("Failures").alignRight();
        table.column("Updated");
        table.column("Last error").maxSize(60);
        try (Connection connection = db.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT name, last_sequence, failures, updated_at, last_error FROM "
                        + EventLog.CURSORS + " ORDER BY name");
                ResultSet rows = select.executeQuery()) {
            long head = -1;
            java.util.List<Object[]> all = new java.util.ArrayList<>();
            while (rows.next()) {
                Object[] row = { rows.getString(1), rows.getLong(2), rows.getInt(3), rows.getTimestamp(4).toInstant(), rows.getString(5) };
                if ("sequencer".equals(row[0])) {
                    head = (Long) row[1];
                }
                all.add(row);
            }
            for (Object[] row : all) {
                table.addRow().addContent(row[0], row[1], head < 0 ? "-" : head - (Long) row[1], row[2], row[3],
                        row[4] == null ? "-" : row[4]);
            }
        }
        table.print(System.out);
        return null;
    }
}
