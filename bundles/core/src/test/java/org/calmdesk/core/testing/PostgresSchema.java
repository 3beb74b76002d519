package org.calmdesk.core.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import javax.sql.DataSource;

import org.calmdesk.core.schema.ModuleSchema;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh schema in the test PostgreSQL ({@value #URL_PROPERTY}, set by {@code -Ppostgres}) for
 * the tests that run two nodes on one database; {@link #close()} drops it with everything in it.
 */
public final class PostgresSchema implements AutoCloseable {

    /** The JDBC URL of the test database; tests that need it are enabled only when it is set. */
    public static final String URL_PROPERTY = "calmdesk.test.pg.url";
    private static final String USER = "postgres";

    private final String url;
    private final String name;

    private PostgresSchema(String url, String name) {
        this.url = url;
        this.name = name;
    }

    public static PostgresSchema create() throws SQLException {
        String url = System.getProperty(URL_PROPERTY);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(URL_PROPERTY + " is not set (run with -Ppostgres)");
        }
        String name = "calmdesk_ut_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(url, "CREATE SCHEMA " + name);
        return new PostgresSchema(url, name);
    }

    /** A new unpooled DataSource on this schema: one per simulated node. */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url + "?currentSchema=" + name);
        dataSource.setUser(USER);
        return dataSource;
    }

    /**
     * The module's persistence unit ({@code calmdesk.<module>}) on its own DataSource of this schema:
     * one node's view. Runs the module's migrations first, as its bundle does at activation.
     */
    public EntityManagerFactory emf(String unit) {
        DataSource dataSource = dataSource();
        ModuleSchema.migrate(dataSource, unit.substring("calmdesk.".length()), PostgresSchema.class.getClassLoader());
        return Persistence.createEntityManagerFactory(unit, Map.of(
                "javax.persistence.nonJtaDataSource", dataSource,
                "eclipselink.logging.level", "SEVERE"));
    }

    /**
     * EXPLAIN's plan of {@code query} on this schema, its lines joined, after the given settings
     * (e.g. {@code enable_seqscan = off}, so that a tiny table still shows which index a query can use).
     */
    public String plan(String query, String... settings) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String setting : settings) {
                s.execute("SET " + setting);
            }
            StringBuilder plan = new StringBuilder();
            try (java.sql.ResultSet rows = s.executeQuery("EXPLAIN " + query)) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    @Override
    public void close() throws SQLException {
        execute(url, "DROP SCHEMA " + name + " CASCADE");
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, USER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
