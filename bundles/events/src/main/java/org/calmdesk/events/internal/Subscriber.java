package org.calmdesk.events.internal;

import java.time.Duration;
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
 * @param delay         how old an event must be before this subscriber gets it (zero: at once); a
 *                      consumer's second pass ({@link EventConsumer#REPLAY_AFTER}) has one
 */
record Subscriber(String cursor, List<String> topics, boolean fromBeginning, EventConsumer consumer, Duration delay) {

    Subscriber(String cursor, List<String> topics, boolean fromBeginning, EventConsumer consumer) {
        this(cursor, topics, fromBeginning, consumer, Duration.ZERO);
    }

    /** Whether it takes events of this topic: one of its patterns matches, and the consumer wants them now ({@link ConsumerDemand}). */
    boolean wants(String topic) {
        for (String pattern : topics) {
            if (EventLog.matches(pattern, topic)) {
                return !(consumer instanceof ConsumerDemand demand) || demand.wantsNow(topic);
            }
        }
        return false;
    }
}
