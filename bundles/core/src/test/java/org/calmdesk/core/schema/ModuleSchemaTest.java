package org.calmdesk.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Liquibase runs of a module's changelog (test resources db/sample and db/broken) on a private H2. */
class ModuleSchemaTest {

    private final ClassLoader resources = ModuleSchemaTest.class.getClassLoader();
    private JdbcDataSource dataSource;

    @BeforeEach
    void newDatabase() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Test
    void aFreshDatabaseGetsEveryChangesetRecordedInTheModulesOwnTable() throws SQLException {
        ModuleSchema.migrate(dataSource, "sample", resources);

        execute("INSERT INTO sample_item (id, name, note) VALUES ('1', 'first', 'from changeset 2')");
        assertEquals(List.of("1-sample_item EXECUTED", "2-sample_item-note EXECUTED"), ranChangesets());
        assertEquals(0, count("sample_databasechangeloglock WHERE locked = TRUE"));
    }

    @Test
    void aSecondRunChangesNothing() throws SQLException {
        ModuleSchema.migrate(dataSource, "sample", resources);
        execute("INSERT INTO sample_item (id, name) VALUES ('1', 'kept')");

        ModuleSchema.migrate(dataSource, "sample", resources);

        assertEquals(2, ranChangesets().size());
        assertEquals(1, count("sample_item"));
    }

    @Test
    void aTableThatAlreadyExistsIsTakenOverWithItsRows() throws SQLException {
        // What EclipseLink's DDL generation left behind before migrations existed.
        execute("CREATE TABLE sample_item (id VARCHAR(36) NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL)");
        execute("INSERT INTO sample_item (id, name) VALUES ('old', 'from before')");

        ModuleSchema.migrate(dataSource, "sample", resources);

        assertEquals(List.of("1-sample_item MARK_RAN", "2-sample_item-note EXECUTED"), ranChangesets());
        execute("UPDATE sample_item SET note = 'upgraded' WHERE id = 'old'");
        assertEquals(1, count("sample_item WHERE name = 'from before' AND note = 'upgraded'"));
    }

    @Test
    void modulesKeepSeparateChangelogs() throws SQLException {
        ModuleSchema.migrate(dataSource, "sample", resources);

        assertThrows(IllegalStateException.class, () -> ModuleSchema.migrate(dataSource, "broken", resources));

        assertEquals(2, ranChangesets().size());
        assertEquals(0, count("broken_databasechangelog"));
        assertEquals(0, count("broken_databasechangeloglock WHERE locked = TRUE"));
    }

    @Test
    void thePlatformChangelogRunsOncePerPoolNotBeforeEveryModule() throws SQLException {
        ModuleSchema.migrate(dataSource, "sample", resources);
        execute("DROP TABLE platform_databasechangelog");

        ModuleSchema.migrate(dataSource, "sample", resources);
        assertEquals(0, count("INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_NAME) = 'platform_databasechangelog'"),
                "the pool's platform tables were current: no second check");

        JdbcDataSource anotherPool = new JdbcDataSource();
        anotherPool.setURL(dataSource.getURL());
        // A new pool checks again: without its record the platform changeset runs again and meets its own tables.
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> ModuleSchema.migrate(anotherPool, "sample", resources));
        assertTrue(failure.getMessage().contains("platform"), failure.getMessage());
    }

    @Test
    void onH2TheEventLogsIdentityRefillsItsCacheOnceInAThousandAppends() throws SQLException {
        ModuleSchema.migrate(dataSource, "sample", resources);

        // Each refill is a commit of its own on the appending request's thread (H2's default: every 32nd).
        assertEquals(1, count("INFORMATION_SCHEMA.COLUMNS WHERE LOWER(TABLE_NAME) = 'calmdesk_event'"
                + " AND LOWER(COLUMN_NAME) = 'log_id' AND IDENTITY_CACHE = 1000"));
    }

    @Test
    void aFailedChangesetStopsTheModuleWithItsName() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> ModuleSchema.migrate(dataSource, "broken", resources));

        assertTrue(failure.getMessage().contains("broken schema (db/broken/changelog.xml)"), failure.getMessage());
    }

    @Test
    void moduleNamesAreLowerCaseWords() {
        assertThrows(IllegalArgumentException.class, () -> ModuleSchema.changelog("../etc"));
        assertEquals("calmdesk.followup", ModuleSchema.dataSourceName("followup"));
    }

    private List<String> ranChangesets() throws SQLException {
        List<String> ran = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT id, exectype FROM sample_databasechangelog ORDER BY orderexecuted")) {
            while (rows.next()) {
                ran.add(rows.getString(1) + " " + rows.getString(2));
            }
        }
        return ran;
    }

    private int count(String from) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM " + from)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
