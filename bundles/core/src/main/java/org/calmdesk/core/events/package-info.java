/**
 * The event log: modules append {@link org.calmdesk.core.events.DomainEvent}s inside their
 * transactions ({@link org.calmdesk.core.events.EventLog}); the relay delivers them to durable
 * {@link org.calmdesk.core.events.EventConsumer}s, EventAdmin, webhooks and the feed. Each topic's
 * properties are a record in its module's API ({@link org.calmdesk.core.events.EventPayload}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package org.calmdesk.core.events;
