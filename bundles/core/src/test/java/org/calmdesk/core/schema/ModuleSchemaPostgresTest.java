package org.calmdesk.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.calmdesk.core.testing.PostgresSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Nodes that start together on a new PostgreSQL database migrate one at a time: a node that
 * created a module's changelog table while another was creating it failed its module for good.
 */
@EnabledIfSystemProperty(named = PostgresSchema.URL_PROPERTY, matches = ".+", disabledReason = "needs -Ppostgres")
class ModuleSchemaPostgresTest {

    @Test
    void aMigrationWaitsWhileAnotherNodeMigrates() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create()) {
            DataSource db = schema.dataSource();
            CountDownLatch done = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            try (Connection otherNode = db.getConnection(); Statement lock = otherNode.createStatement()) {
                // Another node in the middle of its migrations holds the cluster's migration lock.
                lock.execute("SELECT pg_advisory_lock(" + ModuleSchema.MIGRATION_LOCK + ")");
                Thread thisNode = new Thread(() -> {
                    try {
                        ModuleSchema.migrate(db, "sample", ModuleSchemaPostgresTest.class.getClassLoader());
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                    done.countDown();
                });
                thisNode.start();
                assertFalse(done.await(2, TimeUnit.SECONDS), "no migration while another node's runs");
                assertFalse(tableExists(db, "sample_databasechangelog"));
                lock.execute("SELECT pg_advisory_unlock(" + ModuleSchema.MIGRATION_LOCK + ")");
            }
            assertTrue(done.await(60, TimeUnit.SECONDS), "the migration runs once the lock is free");
            assertNull(failure.get());
            assertTrue(tableExists(db, "sample_item"));
            // And it let go of the lock: another node can take it at once.
            try (Connection c = db.getConnection(); Statement s = c.createStatement();
                    ResultSet free = s.executeQuery("SELECT pg_try_advisory_lock(" + ModuleSchema.MIGRATION_LOCK + ")")) {
                free.next();
                assertEquals(true, free.getBoolean(1));
            }
        }
    }

    private static boolean tableExists(DataSource db, String table) throws Exception {
        // Resolved on the schema's search path: other test schemas may have a table of that name.
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet row = s.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
            row.next();
            return row.getBoolean(1);
        }
    }
}
