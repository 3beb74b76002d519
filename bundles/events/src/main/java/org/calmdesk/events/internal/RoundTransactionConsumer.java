package org.calmdesk.events.internal;

import java.sql.Connection;
import java.util.List;

import org.calmdesk.core.events.LoggedEvent;

/**
 * A consumer of this bundle whose work is rows beside the log (the webhook fan-out's deliveries):
 * it writes them in its round's own transaction, so they and the cursor's move commit together,
 * with one connection and one commit instead of two each.
 */
public interface RoundTransactionConsumer {

    /** Handles a round's events on the round's connection; throws to have none of it kept. */
    void consumeAll(Connection round, List<LoggedEvent> events) throws Exception;

    /** The round that handed events committed. */
    void committed();
}
