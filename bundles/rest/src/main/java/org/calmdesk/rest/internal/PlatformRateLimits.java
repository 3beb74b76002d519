package org.calmdesk.rest.internal;

import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.calmdesk.rest.RateLimits;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.bucket4j.TimeMeter;

/**
 * The platform's rate limits (PID {@code calmdesk.ratelimit}): serves {@link RateLimits} to the
 * modules and the login and API policies to the REST filters. The database is optional: the
 * shared store is used only when configured and the DataSource is PostgreSQL.
 */
@Component(service = { RateLimits.class, PlatformRateLimits.class }, configurationPid = "calmdesk.ratelimit", immediate = true)
@Designate(ocd = RateLimitConfig.class)
public class PlatformRateLimits implements RateLimits {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformRateLimits.class);

    private final BucketRateLimits limits = new BucketRateLimits(new MemoryBucketStore(TimeMeter.SYSTEM_MILLISECONDS));
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "calmdesk-ratelimit-sweeper");
        thread.setDaemon(true);
        return thread;
    });
    private volatile RateLimitSettings settings;
    private volatile DataSource dataSource;
    private DataSource storeDataSource;

    @Activate
    public PlatformRateLimits(RateLimitConfig config) {
        settings = RateLimitSettings.from(config);
        chooseStore();
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.MINUTES);
    }

    @Modified
    void modified(RateLimitConfig config) {
        try {
            settings = RateLimitSettings.from(config);
            chooseStore();
        } catch (IllegalArgumentException e) {
            LOG.error("Rate-limit configuration (calmdesk.ratelimit) rejected, the previous one stays in force: {}", e.getMessage());
        }
    }

    @Reference(target = "(osgi.jndi.service.name=calmdesk)", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindDataSource(DataSource bound) {
        dataSource = bound;
        if (settings != null) {
            chooseStore();
        }
    }

    void unbindDataSource(DataSource unbound) {
        if (dataSource == unbound) {
            dataSource = null;
            chooseStore();
        }
    }

    @Deactivate
    void deactivate() {
        sweeper.shutdownNow();
        limits.store().close();
    }

    RateLimitSettings settings() {
        return settings;
    }

    @Override
    public Decision consume(Policy policy, String key) {
        return limits.consume(policy, key);
    }

    @Override
    public Decision peek(Policy policy, String key) {
        return limits.peek(policy, key);
    }

    private synchronized void chooseStore() {
        DataSource available = dataSource;
        boolean shared = settings.store() == RateLimitSettings.Store.POSTGRESQL;
        if (shared && available != null) {
            if (storeDataSource == available) {
                return;
            }
            try {
                limits.use(new PostgresBucketStore(available));
                storeDataSource = available;
                LOG.info("Rate limits kept in {}", limits.store().describe());
                return;
            } catch (SQLException | RuntimeException e) {
                LOG.error("Rate limits stay in this node's memory: the shared store is not usable ({})", e.toString());
            }
        } else if (shared) {
            LOG.warn("Rate limits are configured for PostgreSQL but the DataSource 'calmdesk' is not there; counting in memory");
        }
        if (storeDataSource != null || !(limits.store() instanceof MemoryBucketStore)) {
            limits.use(new MemoryBucketStore(TimeMeter.SYSTEM_MILLISECONDS));
            storeDataSource = null;
            LOG.info("Rate limits kept in {}", limits.store().describe());
        }
    }

    private void sweep() {
        try {
            limits.store().evictIdle();
        } catch (RuntimeException e) {
            LOG.warn("Could not drop idle rate-limit buckets: {}", e.toString());
        }
    }
}
