package org.calmdesk.survey.internal;

import javax.sql.DataSource;

import org.calmdesk.core.schema.ModuleSchema;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Brings the survey tables up to date ({@code db/survey/changelog.xml}) whenever the shared DataSource
 * arrives, then publishes it as {@code calmdesk.survey}, the DataSource of the persistence unit: the
 * unit, and so everything in the module that queries, starts only after the migrations ran.
 */
@Component(service = {})
public final class SurveySchema {

    static final String MODULE = "survey";

    private final ServiceRegistration<DataSource> migrated;

    @Activate
    public SurveySchema(@Reference(target = ModuleSchema.SHARED_DATA_SOURCE) DataSource shared, BundleContext context) {
        migrated = ModuleSchema.migrateAndPublish(context, shared, MODULE);
    }

    @Deactivate
    void deactivate() {
        migrated.unregister();
    }
}
