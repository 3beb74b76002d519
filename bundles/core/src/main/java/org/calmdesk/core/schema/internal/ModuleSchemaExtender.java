package org.calmdesk.core.schema.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.calmdesk.core.schema.ModuleSchema;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.BundleWiring;
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
 * bundle, or with the shared DataSource (all modules migrate again when it comes back). A platform
 * bundle with tables of its own names them with a {@code Calmdesk-Schema} header instead.
 *
 * <p>The migrations run on a thread of their own, one after the other, never on the thread that
 * started the bundle: that is the framework's start-level thread during a boot, and while it
 * waited for Liquibase (4 s of a 15 s restart, issue 17) no other bundle started. Until its
 * DataSource is published a module answers 503, as while it starts.
 */
@Component(immediate = true)
public final class ModuleSchemaExtender implements BundleTrackerCustomizer<ModuleSchemaExtender.Migration> {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleSchemaExtender.class);
    static final String MODULE_HEADER = "Calmdesk-Module";
    static final String SCHEMA_HEADER = "Calmdesk-Schema";

    private final DataSource shared;
    private final ExecutorService migrations = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "calmdesk-schema-migrations");
        thread.setDaemon(true);
        return thread;
    });
    private final BundleTracker<Migration> modules;

    @Activate
    public ModuleSchemaExtender(BundleContext context, @Reference(target = ModuleSchema.SHARED_DATA_SOURCE) DataSource shared) {
        this.shared = shared;
        this.modules = new BundleTracker<>(context, Bundle.ACTIVE, this);
        modules.open();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        modules.close(); // withdraws every module: a migration still queued returns at once
        // The one under way finishes (Liquibase is not interruptible; an interrupt would only make
        // it log a failure) and then publishes nothing.
        migrations.shutdown();
        migrations.awaitTermination(1, TimeUnit.MINUTES);
    }

    /**
     * The schema a bundle carries, or null: a module's ({@code Calmdesk-Module}), or a platform
     * bundle's ({@code Calmdesk-Schema}: tables of its own, such as the REST platform's idempotency
     * keys, but no module); null for a module without tables or any other bundle.
     */
    static String moduleWithSchema(Bundle bundle) {
        String module = bundle.getHeaders("").get(SCHEMA_HEADER);
        if (module == null) {
            module = bundle.getHeaders("").get(MODULE_HEADER);
        }
        if (module == null) {
            return null;
        }
        return bundle.getEntry(ModuleSchema.changelog(module.trim())) == null ? null : module.trim();
    }

    @Override
    public Migration addingBundle(Bundle bundle, BundleEvent event) {
        String module = moduleWithSchema(bundle);
        if (module == null) {
            return null;
        }
        Migration migration = new Migration(bundle, module);
        migrations.execute(migration::run);
        return migration;
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, Migration migration) {
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, Migration migration) {
        migration.withdraw();
    }

    /** One started module bundle: its migration, then its DataSource's registration until the bundle stops. */
    final class Migration {
        private final Bundle bundle;
        private final String module;
        private ServiceRegistration<DataSource> registration;
        private boolean withdrawn;

        Migration(Bundle bundle, String module) {
            this.bundle = bundle;
            this.module = module;
        }

        void run() {
            BundleWiring wiring = bundle.adapt(BundleWiring.class);
            if (isWithdrawn() || wiring == null) {
                return; // stopped or uninstalled before its turn
            }
            boolean checked;
            try {
                checked = ModuleSchema.migrate(shared, module, wiring.getClassLoader());
            } catch (RuntimeException e) {
                // The module's persistence unit never starts, so its paths answer 503 and health names it.
                LOG.error("The {} module's schema could not be brought up to date; the module stays unavailable: {}", module,
                        e.getMessage(), e);
                return;
            }
            BundleContext context = bundle.getBundleContext();
            if (isWithdrawn() || context == null) {
                return;
            }
            // Registered outside this object's lock: the registration starts the module's
            // persistence unit and its components on this thread, and a bundle stopping meanwhile
            // calls withdraw() from the framework's thread, which must not wait for all of that.
            ServiceRegistration<DataSource> published;
            try {
                published = ModuleSchema.publish(context, shared, module);
            } catch (IllegalStateException stoppedMeanwhile) {
                return; // its bundle context went invalid between the check and the registration
            }
            if (!keep(published)) {
                unregister(published);
                return;
            }
            LOG.info("Schema of module {} is current ({}); published its DataSource {}", module,
                    checked ? "checked by Liquibase" : "recorded for this changelog, Liquibase not started", ModuleSchema.dataSourceName(module));
        }

        /** Keeps the registration unless the bundle was withdrawn meanwhile. */
        private synchronized boolean keep(ServiceRegistration<DataSource> published) {
            if (withdrawn) {
                return false;
            }
            registration = published;
            return true;
        }

        private synchronized boolean isWithdrawn() {
            return withdrawn;
        }

        void withdraw() {
            ServiceRegistration<DataSource> published;
            synchronized (this) {
                withdrawn = true;
                published = registration;
                registration = null;
            }
            if (published != null) {
                unregister(published);
            }
        }

        private void unregister(ServiceRegistration<DataSource> published) {
            try {
                published.unregister();
            } catch (IllegalStateException alreadyGoneWithItsBundle) {
                // The framework unregisters a stopping bundle's services itself.
            }
        }
    }
}
