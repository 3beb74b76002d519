package org.calmdesk.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.io.TempDir;

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
    void aRestartWithTheSameChangelogDoesNotStartLiquibase() throws SQLException {
        assertTrue(ModuleSchema.migrate(dataSource, "sample", resources));
        execute("INSERT INTO sample_item (id, name) VALUES ('1', 'kept')");

        // A new pool on the same database, as after a restart: neither the platform nor the module is checked again.
        assertFalse(ModuleSchema.migrate(samePoolAgain(), "sample", resources));
        assertFalse(ModuleSchema.migrate(samePoolAgain(), ModuleSchema.PLATFORM, resources));

        assertEquals(2, ranChangesets().size());
        assertEquals(1, count("sample_item"));
        assertEquals(1, count(AppliedChangelogs.TABLE + " WHERE module = 'sample' AND changesets = 2"));
    }

    @Test
    void aChangesetAddedToTheChangelogRunsDespiteTheRecord(@TempDir Path folder) throws Exception {
        writeEvolving(folder, "1-thing.xml");
        assertTrue(ModuleSchema.migrate(dataSource, "evolving", resourcesIn(folder)));
        assertFalse(ModuleSchema.migrate(samePoolAgain(), "evolving", resourcesIn(folder)));

        writeEvolving(folder, "1-thing.xml", "2-thing-note.xml");

        assertTrue(ModuleSchema.migrate(samePoolAgain(), "evolving", resourcesIn(folder)));
        execute("INSERT INTO evolving_thing (id, note) VALUES ('1', 'from changeset 2')");
        assertFalse(ModuleSchema.migrate(samePoolAgain(), "evolving", resourcesIn(folder)));
    }

    @Test
    void anAppliedChangesetEditedIsCaughtByLiquibase(@TempDir Path folder) throws Exception {
        writeEvolving(folder, "1-thing.xml");
        ModuleSchema.migrate(dataSource, "evolving", resourcesIn(folder));

        Files.writeString(folder.resolve("db/evolving/1-thing.xml"), changeset("1-thing",
                "<createTable tableName=\"evolving_thing\"><column name=\"id\" type=\"VARCHAR(40)\"/></createTable>"));

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> ModuleSchema.migrate(samePoolAgain(), "evolving", resourcesIn(folder)));
        assertTrue(failure.getMessage().contains("check sum"), failure.getMessage());
    }

    @Test
    void aRowRemovedFromTheChangelogTableMakesLiquibaseCheckAgain() throws SQLException {
        ModuleSchema.migrate(dataSource, "sample", resources);
        execute("DELETE FROM sample_databasechangelog WHERE id = '1-sample_item'");

        assertTrue(ModuleSchema.migrate(samePoolAgain(), "sample", resources));

        assertEquals(List.of("2-sample_item-note EXECUTED", "1-sample_item MARK_RAN"), ranChangesets());
    }

    @Test
    void onlyChangelogsIncludingFileByFileHaveAFingerprint(@TempDir Path folder) throws Exception {
        writeEvolving(folder, "1-thing.xml");
        String before = AppliedChangelogs.fingerprint("db/evolving/changelog.xml", resourcesIn(folder)).orElseThrow();
        Files.writeString(folder.resolve("db/evolving/1-thing.xml"), Files.readString(folder.resolve("db/evolving/1-thing.xml")) + "\n");
        assertNotEquals(before, AppliedChangelogs.fingerprint("db/evolving/changelog.xml", resourcesIn(folder)).orElseThrow(),
                "an included file's bytes count");

        Path parts = Files.createDirectories(folder.resolve("db/evolving/parts"));
        Files.copy(folder.resolve("db/evolving/1-thing.xml"), parts.resolve("1-thing.xml"));
        Files.writeString(folder.resolve("db/evolving/changelog.xml"), CHANGELOG_HEAD + "<includeAll path=\"db/evolving/parts/\"/>\n</databaseChangeLog>\n");
        assertTrue(AppliedChangelogs.fingerprint("db/evolving/changelog.xml", resourcesIn(folder)).isEmpty());
        assertTrue(AppliedChangelogs.fingerprint("db/missing/changelog.xml", resourcesIn(folder)).isEmpty());
        assertTrue(ModuleSchema.migrate(dataSource, "evolving", resourcesIn(folder)));
        assertTrue(ModuleSchema.migrate(samePoolAgain(), "evolving", resourcesIn(folder)), "without a fingerprint Liquibase always runs");
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

    private static final String CHANGELOG_HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n"
            + "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
            + "    xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog"
            + " http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n";

    /** A module "evolving" in {@code folder}: a changelog including the given changesets, as the modules' do. */
    private static void writeEvolving(Path folder, String... files) throws IOException {
        Path db = Files.createDirectories(folder.resolve("db/evolving"));
        StringBuilder changelog = new StringBuilder(CHANGELOG_HEAD);
        for (String file : files) {
            changelog.append("  <include file=\"").append(file).append("\" relativeToChangelogFile=\"true\"/>\n");
        }
        Files.writeString(db.resolve("changelog.xml"), changelog.append("</databaseChangeLog>\n"));
        Files.writeString(db.resolve("1-thing.xml"), changeset("1-thing",
                "<createTable tableName=\"evolving_thing\"><column name=\"id\" type=\"VARCHAR(36)\"/></createTable>"));
        Files.writeString(db.resolve("2-thing-note.xml"), changeset("2-thing-note",
                "<addColumn tableName=\"evolving_thing\"><column name=\"note\" type=\"VARCHAR(200)\"/></addColumn>"));
    }

    private static String changeset(String id, String change) {
        return CHANGELOG_HEAD + "  <changeSet id=\"" + id + "\" author=\"calmdesk\">" + change + "</changeSet>\n</databaseChangeLog>\n";
    }

    private static ClassLoader resourcesIn(Path folder) throws IOException {
        return new URLClassLoader(new URL[] {folder.toUri().toURL()}, ModuleSchemaTest.class.getClassLoader());
    }

    /** Another pool on the same database, as a restarted node has. */
    private JdbcDataSource samePoolAgain() {
        JdbcDataSource again = new JdbcDataSource();
        again.setURL(dataSource.getURL());
        return again;
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
