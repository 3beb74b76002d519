package org.calmdesk.events.internal.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.core.testing.PostgresSchema;
import org.calmdesk.events.internal.EventLogAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The fan-out's insert on PostgreSQL (run with {@code -Ppostgres}). */
@EnabledIfSystemProperty(named = PostgresSchema.URL_PROPERTY, matches = ".+", disabledReason = "needs -Ppostgres")
class WebhookFanOutPostgresTest {

    private PostgresSchema schema;
    private EventLogAccess log;
    private WebhookStore store;

    @BeforeEach
    void setUp() throws Exception {
        schema = PostgresSchema.create();
        log = EventLogAccess.on(schema.dataSource());
        store = new WebhookStore(log.dataSource());
    }

    @AfterEach
    void tearDown() throws Exception {
        log.close();
        schema.close();
    }

    @Test
    void aReplayedFanOutMakesEachDeliveryOnce() throws Exception {
        Instant now = Instant.now();
        String webhookId = store.insert("http://127.0.0.1/hook", List.of("calmdesk/*"), null, true, Signature.newSecret(), now).id();
        List<WebhookStore.Pending> pending = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            LoggedEvent event = WebhookRemovalRace.logged(log, "t" + i);
            pending.add(new WebhookStore.Pending(webhookId, event));
        }
        assertEquals(20, store.fanOut(pending, now, now.plusSeconds(3600)));
        assertEquals(0, store.fanOut(pending, now, now.plusSeconds(3600)), "a replay after a crash adds nothing");
        assertEquals(0, store.fanOut(List.of(new WebhookStore.Pending("no-such-webhook", pending.get(0).event())), now,
                now.plusSeconds(3600)), "none for a webhook that is gone");
    }

    /**
     * The plan PostgreSQL caches for the insert (a pooled connection keeps it), made on a table
     * without statistics as on a fresh install: the pair must be checked through the unique key.
     * The NOT EXISTS form read every delivery of the webhook through (webhook_id, id) instead.
     */
    @Test
    void theInsertFindsAnExistingPairThroughTheUniqueKeyEvenWithoutStatistics() throws Exception {
        String sql = WebhookStore.fanOutSql(true);
        StringBuilder numbered = new StringBuilder();
        int parameter = 0;
        for (char ch : sql.toCharArray()) {
            numbered.append(ch == '?' ? "$" + ++parameter : String.valueOf(ch));
        }
        StringBuilder plan = new StringBuilder();
        try (Connection c = log.dataSource().getConnection(); Statement statement = c.createStatement()) {
            statement.execute("PREPARE fan_out AS " + numbered);
            statement.execute("SET plan_cache_mode = force_generic_plan");
            // Values in the statement's order: delivery id, webhook, event, type, three times, webhook (and pair, if checked apart).
            List<String> values = List.of("'d'", "'w'", "'e'", "'ticket.created'", "'2026-12-04 10:00'", "'2026-12-07 10:00'",
                    "'2026-12-04 10:00'", "'w'", "'w'", "'e'");
            try (ResultSet rows = statement.executeQuery("EXPLAIN EXECUTE fan_out(" + String.join(", ", values.subList(0, parameter))
                    + ")")) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
        }
        assertTrue(plan.toString().contains("Conflict Arbiter Indexes: calmdesk_webhook_delivery_event_key"), plan.toString());
        assertFalse(plan.toString().contains(WebhookStore.DELIVERIES + "_webhook_ix"), plan.toString());
    }
}
