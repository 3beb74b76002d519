package org.calmdesk.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import org.calmdesk.core.schema.ModuleSchema;
import org.calmdesk.core.testing.PostgresSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Two nodes on one PostgreSQL (-Ppostgres): the unique-key insert lets exactly one of them run a key. */
@EnabledIfSystemProperty(named = PostgresSchema.URL_PROPERTY, matches = ".+")
class IdempotencyStorePostgresTest {

    @Test
    void twoNodesRacingWithOneKeyRunItOnceAndBothReplayIt() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create()) {
            DataSource first = schema.dataSource();
            ModuleSchema.migrate(first, IdempotencyStore.SCHEMA, IdempotencyStorePostgresTest.class.getClassLoader());
            IdempotencyStore nodeA = new IdempotencyStore(first, Clock.systemUTC());
            IdempotencyStore nodeB = new IdempotencyStore(schema.dataSource(), Clock.systemUTC());

            assertEquals(1, IdempotencyStoreTest.claimConcurrently(List.of(nodeA, nodeB), 16));

            IdempotencyStore.Claimed claimed = assertInstanceOf(IdempotencyStore.Claimed.class, nodeA.claim("key", "body"));
            assertInstanceOf(IdempotencyStore.InFlight.class, nodeB.claim("key", "body"));
            nodeA.complete("key", claimed.token(), IdempotencyStoreTest.CREATED);
            assertEquals(IdempotencyStoreTest.CREATED,
                    assertInstanceOf(IdempotencyStore.Replay.class, nodeB.claim("key", "body")).response());
            assertInstanceOf(IdempotencyStore.DifferentBody.class, nodeB.claim("key", "other"));
        }
    }
}
