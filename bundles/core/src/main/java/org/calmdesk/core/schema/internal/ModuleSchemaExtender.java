package org.calmdesk.core.schema.internal;

import javax.sql.DataSource;

import org.calmdesk.core.schema.ModuleSchema;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings each module's tables up to date, the way Aries JPA finds persistence units: for every
 * started bundle with a {@code Calmdesk-Module} header and a changelog at
 * {@code db/<module>/changelog.xml}, it runs the pending changesets on the shared DataSource and
 * then publishes that DataSource, in the module bundle's name, as {@code calmdesk.<module>}, the
 * one its persistence unit names. So nothing in a module reaches the database before its schema is
 * current, and a module needs no schema code of its own. The registration goes with the module's
 * bundle, or with the shared DataSource (all modules migrate again when it comes back).
 */
@Component(immediate = true)
public final class ModuleSchemaExtender implements BundleTrackerCustomizer<ServiceRegistration<DataSource>> {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleSchemaExtender.class);
    static final String MODULE_HEADER = "Calmdesk-Module";

    private final DataSource shared;
    private final BundleTracker<ServiceRegistration<DataSource>> modules;

    @Activate
    public ModuleSchemaExtender(BundleContext context, @Reference(target = ModuleSchema.SHARED_DATA_SOURCE) DataSource shared) {
        this.shared = shared;
        this.modules = new BundleTracker<>(context, Bundle.ACTIVE, this);
        modules.open();
    }

    @Deactivate
    void deactivate() {
        modules.close();
    }

    /** The module whose schema a bundle carries, or null: a module without tables, or not a module. */
    static String moduleWithSchema(Bundle bundle) {
        String module = bundle.getHeaders("").get(MODULE_HEADER);
        if (module == null) {
            return null;
        }
        return bundle.getEntry(ModuleSchema.changelog(module.trim())) == null ? null : module.trim();
    }

    @Override
    public ServiceRegistration<DataSource> addingBundle(Bundle bundle, BundleEvent event) {
        String module = moduleWithSchema(bundle);
        if (module == null) {
            return null;
        }
        try {
            ServiceRegistration<DataSource> registration = ModuleSchema.migrateAndPublish(bundle.getBundleContext(), shared, module);
            LOG.info("Schema of module {} is current; published its DataSource {}", module, ModuleSchema.dataSourceName(module));
            return registration;
        } catch (RuntimeException e) {
            // The module's persistence unit never starts, so its paths answer 503 and health names it.
            LOG.error("The {} module's schema could not be brought up to date; the module stays unavailable: {}", module,
                    e.getMessage(), e);
            return null;
        }
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, ServiceRegistration<DataSource> registration) {
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, ServiceRegistration<DataSource> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGoneWithItsBundle) {
            // The framework unregisters a stopping bundle's services itself.
        }
    }
}
