package org.calmdesk.events.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.calmdesk.core.events.LoggedEvent;

/**
 * A consumer of this bundle whose effect is rows in the log's own database (the webhook fan-out):
 * it writes them in its delivery round's transaction, so they commit with the cursor's move, on
 * the round's connection. A separate transaction cost a second pooled connection while the round
 * held its own, and a commit more per round (on H2 every commit queues for one lock).
 */
public interface InRoundConsumer {

    /** Writes the effect of {@code events} on {@code round}, the delivery round's connection, inside its transaction. */
    void consumeAll(Connection round, List<LoggedEvent> events) throws SQLException;

    /** After the round whose events it took committed. */
    void committed();
}
