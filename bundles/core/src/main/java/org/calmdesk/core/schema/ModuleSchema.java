package org.calmdesk.core.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.LoggerFactory;

import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * A module's versioned schema. Each module keeps a Liquibase changelog at
 * {@code db/<module>/changelog.xml} in its impl bundle and records what ran in tables of its own,
 * {@code <module>_databasechangelog} and {@code <module>_databasechangeloglock}, so modules on the
 * one shared database install, upgrade and lock independently.
 *
 * <p>In OSGi core's schema extender runs {@link #migrate} for each started module bundle, then
 * {@link #publish}es the same pool as {@code osgi.jndi.service.name=calmdesk.<module>}, the
 * DataSource the module's persistence unit names. Aries JPA registers the unit's
 * EntityManagerFactory only once that DataSource exists, so nothing in the module reaches the
 * database before its schema is current.
 */
public final class ModuleSchema {

    /** Target filter of the shared pax-jdbc DataSource that every module migrates and uses. */
    public static final String SHARED_DATA_SOURCE = "(osgi.jndi.service.name=calmdesk)";

    /** Service property naming a DataSource; a module's persistence unit selects {@code calmdesk.<module>}. */
    public static final String JNDI_NAME = "osgi.jndi.service.name";

    /** The platform's own changelog ({@code db/platform/changelog.xml} in this bundle), run before the first module's on each pool. */
    public static final String PLATFORM = "platform";

    private static final Pattern MODULE_NAME = Pattern.compile("[a-z][a-z0-9]*");
    private static final Object ONE_RUN_AT_A_TIME = new Object();

    /**
     * The pools whose platform tables this bundle has brought up to date: the platform changelog
     * runs once per DataSource, not before every module's (each check is a Liquibase run of 0.1 to
     * 0.3 s, and a boot migrates seven modules one after the other). A new pool (a changed
     * datasource configuration) is checked again. Guarded by {@link #ONE_RUN_AT_A_TIME}.
     */
    private static final Set<DataSource> PLATFORM_CURRENT = Collections.newSetFromMap(new WeakHashMap<>());

    // Liquibase logs each change type it cannot load at INFO with a stack trace: loadData needs
    // opencsv, which no Calmdesk changelog uses and the distribution leaves out. Held here so the
    // level stays set (java.util.logging keeps loggers only weakly).
    private static final Logger SERVICE_LOCATOR_LOG = Logger.getLogger("liquibase.servicelocator");

    static {
        SERVICE_LOCATOR_LOG.setLevel(Level.WARNING);
    }

    private ModuleSchema() {
    }

    /** The changelog of a module, a resource of its bundle. */
    public static String changelog(String module) {
        return "db/" + checked(module) + "/changelog.xml";
    }

    /** The DataSource name a module's persistence unit uses: {@code calmdesk.<module>}. */
    public static String dataSourceName(String module) {
        return "calmdesk." + checked(module);
    }

    /**
     * Registers {@code shared} as the module's own DataSource, {@code calmdesk.<module>}, in the name
     * of {@code context}'s bundle; call it once {@link #migrate} has run.
     */
    public static ServiceRegistration<DataSource> publish(BundleContext context, DataSource shared, String module) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(JNDI_NAME, dataSourceName(module));
        properties.put("calmdesk.module", module);
        return context.registerService(DataSource.class, shared, properties);
    }

    /**
     * Brings the module's schema up to date: runs the changesets of {@link #changelog(String)},
     * loaded from {@code moduleResources}, that its changelog table does not list yet. Liquibase is
     * not started when the database is recorded as current with this very changelog (see
     * {@link AppliedChangelogs}), as it is on every restart.
     *
     * @return true when Liquibase checked the changelog, false when the record showed nothing could be pending
     * @throws IllegalStateException when a changeset fails; the module must not start then
     */
    public static boolean migrate(DataSource dataSource, String module, ClassLoader moduleResources) {
        String changelog = changelog(module);
        AtomicBoolean checked = new AtomicBoolean();
        // Liquibase keeps its registries in a thread-inherited root scope and finds its own
        // services through the scope's class loader. A short-lived thread of our own, with
        // Liquibase's class loader as context, keeps those registries (which reach the module's
        // resources) from outliving the run and from depending on whoever activated the module.
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                // The platform's tables (the event log) first: every module appends to them.
                if (!PLATFORM_CURRENT.contains(dataSource)) {
                    checked.set(update(dataSource, PLATFORM, changelog(PLATFORM), ModuleSchema.class.getClassLoader()));
                    PLATFORM_CURRENT.add(dataSource);
                }
                if (!PLATFORM.equals(module)) {
                    checked.set(update(dataSource, module, changelog, moduleResources));
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "calmdesk-schema-" + module);
        runner.setContextClassLoader(Scope.class.getClassLoader());
        runner.setDaemon(true);
        // Liquibase keeps its lock services in a JVM-wide registry that every run clears when it
        // ends, so two modules starting at once run one after the other.
        synchronized (ONE_RUN_AT_A_TIME) {
            runner.start();
            try {
                runner.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while migrating the " + module + " schema", e);
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Migrating the " + module + " schema (" + changelog + ") failed: "
                    + failure.get().getMessage(), failure.get());
        }
        return checked.get();
    }

    /** Brings only the platform's tables up to date (for platform bundles that have no changelog of their own). */
    public static void migratePlatform(DataSource dataSource) {
        migrate(dataSource, PLATFORM, ModuleSchema.class.getClassLoader());
    }

    /** Runs Liquibase on the module's changelog unless the database is recorded current with it; true when it ran. */
    private static boolean update(DataSource dataSource, String module, String changelog, ClassLoader moduleResources)
            throws Exception {
        Optional<String> fingerprint = AppliedChangelogs.fingerprint(changelog, moduleResources);
        Map<String, Object> scope = Map.of(
                Scope.Attr.classLoader.name(), Scope.class.getClassLoader(),
                Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(moduleResources),
                Scope.Attr.ui.name(), new LoggerUIService(),
                // Liquibase would otherwise report usage to its vendor over the network.
                "liquibase.analytics.enabled", Boolean.FALSE);
        try (Connection connection = dataSource.getConnection()) {
            if (fingerprint.isPresent() && AppliedChangelogs.isCurrent(connection, module, fingerprint.get())) {
                return false;
            }
            boolean autoCommit = connection.getAutoCommit();
            boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            if (postgres) {
                // Nodes that start together on a new database race to create the changelog table
                // before Liquibase's own lock exists ("relation survey_databasechangelog already
                // exists": issue 18's three-node run left a module unavailable). One migration at a
                // time in the cluster: a session lock, released below or when the connection dies.
                awaitMigrationLock(connection, module);
            }
            try {
                startLiquibase();
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                database.setDatabaseChangeLogTableName(module + "_databasechangelog");
                database.setDatabaseChangeLogLockTableName(module + "_databasechangeloglock");
                Scope.child(scope, () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                        .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
                        .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                        .execute());
                // Still under the cluster's migration lock on PostgreSQL: no other node changes the count meanwhile.
                fingerprint.ifPresent(current -> AppliedChangelogs.record(connection, module, current));
            } finally {
                if (postgres) {
                    if (!connection.getAutoCommit()) {
                        connection.rollback(); // a failed changeset may leave its transaction aborted
                    }
                    try (Statement unlock = connection.createStatement()) {
                        unlock.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
                    }
                }
            }
            // Liquibase switched auto-commit off for its transactions; the pooled connection goes back as it came.
            connection.setAutoCommit(autoCommit);
        }
        return true;
    }

    /**
     * Starts the Liquibase bundle for a run that needs it. The distribution installs it unstarted:
     * started, SPI Fly loads and registers each of its 436 service-loader providers, a fifth of a
     * restart's CPU samples on the framework's start-level thread (issue 17), though a restart whose
     * schemas are all recorded current never runs Liquibase. Transient, so a restart leaves it
     * unstarted again; Karaf also stops it at its next feature deployment, as the feature asks. Best
     * effort: Liquibase finds its own services through the class loader each run hands it, started
     * or not (outside OSGi, in unit tests, there is no bundle).
     */
    private static void startLiquibase() {
        Bundle liquibase = FrameworkUtil.getBundle(Scope.class);
        if (liquibase == null || liquibase.getState() == Bundle.ACTIVE) {
            return;
        }
        try {
            liquibase.start(Bundle.START_TRANSIENT);
        } catch (BundleException | IllegalStateException | SecurityException e) {
            LoggerFactory.getLogger(ModuleSchema.class).debug("Liquibase runs without its bundle started: {}", e.toString());
        }
    }

    /**
     * Takes the cluster's migration lock, trying twice a second: a blocking wait would outlast the
     * driver's socket timeout while another node builds an index on a large table.
     */
    private static void awaitMigrationLock(Connection connection, String module) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(MIGRATION_LOCK_WAIT_MINUTES);
        boolean told = false;
        while (true) {
            try (Statement lock = connection.createStatement();
                    ResultSet taken = lock.executeQuery("SELECT pg_try_advisory_lock(" + MIGRATION_LOCK + ")")) {
                taken.next();
                if (taken.getBoolean(1)) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Another node has been migrating the schema for over " + MIGRATION_LOCK_WAIT_MINUTES
                        + " minutes; the " + module + " module waits no longer");
            }
            if (!told) {
                LoggerFactory.getLogger(ModuleSchema.class).info("Module {}: another node is migrating the schema; waiting", module);
                told = true;
            }
            Thread.sleep(500);
        }
    }

    private static final long MIGRATION_LOCK_WAIT_MINUTES = 30;

    /** The PostgreSQL advisory lock key under which schema migrations run, one at a time across nodes. */
    static final long MIGRATION_LOCK = 0x43616c6d64736bL; // "Calmdsk"

    private static String checked(String module) {
        if (module == null || !MODULE_NAME.matcher(module).matches()) {
            throw new IllegalArgumentException("Not a module name: " + module);
        }
        return module;
    }
}
