package org.calmdesk.events.internal;

import javax.sql.DataSource;

import org.calmdesk.core.schema.ModuleSchema;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Brings the platform's event log and the events tables ({@code db/events/changelog.xml}) up to date
 * whenever the shared DataSource arrives, then publishes it as {@code calmdesk.events}: the relay
 * and the feed start only after the migrations ran.
 */
@Component(service = {})
public final class EventsSchema {

    static final String MODULE = "events";

    private final ServiceRegistration<DataSource> migrated;

    @Activate
    public EventsSchema(@Reference(target = ModuleSchema.SHARED_DATA_SOURCE) DataSource shared, BundleContext context) {
        migrated = ModuleSchema.migrateAndPublish(context, shared, MODULE);
    }

    @Deactivate
    void deactivate() {
        migrated.unregister();
    }
}
