/**
 * The typed events of the ticket module, one record per topic of {@link org.calmdesk.ticket.api.TicketEvents}:
 * producers append them ({@code DomainEvent.of}) and consumers read them ({@code LoggedEvent.as}).
 * A record's components are the event's properties, with the same names and JSON shapes in the
 * stored event, the {@code /events} feed, webhooks and EventAdmin; absent (null) ones are left out.
 */
@Export
@Version("1.1.0")
package org.calmdesk.ticket.api.events;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
