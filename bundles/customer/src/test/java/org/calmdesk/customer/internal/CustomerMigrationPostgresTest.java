package org.calmdesk.customer.internal;

import org.calmdesk.core.testing.PostgresSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The duplicate keys' backfill (changeset 2) on PostgreSQL, whose SQL differs from H2's. */
@EnabledIfSystemProperty(named = PostgresSchema.URL_PROPERTY, matches = ".+", disabledReason = "needs -Ppostgres")
class CustomerMigrationPostgresTest {

    @Test
    void theMigrationBackfillsTheSameKeysAsJava() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create()) {
            CustomerMergeTest.assertBackfillMatchesJava(schema.dataSource());
        }
    }
}
