package org.calmdesk.events.internal;

import java.util.List;

import org.calmdesk.core.events.EventConsumer;
import org.calmdesk.core.events.EventLog;

/**
 * A durable consumer as the relay runs it: its cursor's name (with the node's id for consumers that
 * run on every node), its topic patterns, and where it starts the first time.
 *
 * @param cursor        the cursor row's name
 * @param topics        exact topics or prefixes ending in {@code *}
 * @param fromBeginning true: a new cursor starts before the oldest event kept; false: at the head
 */
record Subscriber(String cursor, List<String> topics, boolean fromBeginning, EventConsumer consumer) {

    boolean wants(String topic) {
        for (String pattern : topics) {
            if (EventLog.matches(pattern, topic)) {
                return true;
            }
        }
        return false;
    }
}
