package org.calmdesk.events.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = EventsConfig.PID, name = "Calmdesk events",
        description = "The event log's relay, feed and retention")
public @interface EventsConfig {

    String PID = "calmdesk.events";

    @AttributeDefinition(description = "How often an idle relay looks for new events, in milliseconds (a busy one does not wait)")
    int pollIntervalMillis() default 100;

    @AttributeDefinition(description = "Events numbered and delivered per round")
    int batchSize() default 500;

    @AttributeDefinition(description = "Days an event stays in the log (and the /events feed) before the cleanup job removes it")
    int retentionDays() default 30;

    @AttributeDefinition(description = "This node's name for consumers that run on every node (default: host and Karaf folder)")
    String nodeId() default "";
}
