package org.calmdesk.core.events;

import java.util.Set;

/**
 * The typed form of one topic's event, implemented by a record in the module's API bundle: its
 * components are the event's properties (their names are the property keys), so producers and
 * consumers share one type. {@link DomainEvent#of} turns it into what the log stores and
 * {@link LoggedEvent#as} reads it back.
 */
public interface EventPayload {

    /** {@code calmdesk/<module>/<EVENT>}. */
    String topic();

    /** Id of the resource the event is about. */
    String resourceId();

    /** The customer concerned (so an erasure can redact the event), or null. */
    String customerId();

    /** The properties that hold free text a person wrote: redacted when the customer is erased. */
    default Set<String> freeText() {
        return Set.of();
    }
}
