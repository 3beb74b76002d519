package org.calmdesk.rest.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.karaf.features.FeaturesService;
import org.calmdesk.rest.RestEndpoint;
import org.calmdesk.rest.RestPublisher;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

/**
 * Builds one CXF server per module on the shared Bus (DESIGN.md rule 5) and one platform server
 * at {@code /} for health, OpenAPI and the 404 of unknown paths. The Bus itself is never shut down.
 */
// Immediate: a delayed component would be deactivated with its last consumer, taking health and
// the 404 fallback down whenever the last module stops.
@Component(service = RestPublisher.class, configurationPid = "calmdesk.rest", immediate = true)
@Designate(ocd = RestConfig.class)
public class CxfRestPublisher implements RestPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(CxfRestPublisher.class);

    private final RestSettings settings = new RestSettings();
    private final Map<String, AuthFilter.CachedLogin> loginCache = AuthFilter.newCache();
    private final PublishedEndpoints published = new PublishedEndpoints();
    private final ModuleTracker modules;
    private final Bus bus;
    private final Server platformServer;
    private final PlatformRateLimits rateLimits;
    private final DeploymentWatch deployments;

    /** The shared database, for health; optional so that health can say it is missing. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(osgi.jndi.service.name=calmdesk)")
    private volatile DataSource dataSource;

    /** Idempotency keys live on the database: without it a request with a key is a 503, one without runs as usual. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile IdempotencyStore idempotencyStore;

    @Activate
    public CxfRestPublisher(BundleContext context, RestConfig config, @Reference PlatformRateLimits rateLimits,
            @Reference NodeDrain drain) {
        this.rateLimits = rateLimits;
        settings.apply(config);
        bus = BusFactory.getDefaultBus();
        modules = new ModuleTracker(context);
        modules.open();
        deployments = new DeploymentWatch(() -> modules);
        OpenApiDocument openApi = new OpenApiDocument(published, context.getBundle().getVersion().toString());
        // Without the idempotency store every create with a key is a 503 (its migration runs last at a start).
        // A drain (calmdesk:drain) counts as a platform reason too: readiness drops, requests are still served.
        Health health = new Health(modules, published, new DatabaseProbe(() -> dataSource),
                () -> idempotencyStore == null ? "idempotency keys cannot be checked yet: their store is not running" : drain.reason());
        PlatformResource platform = new PlatformResource(health, openApi);
        ApiExplorerResource explorer = new ApiExplorerResource(openApi, () -> settings.apiExplorer);
        platformServer = create("/", List.of(platform, explorer, new UnknownPathResource()), () -> false, new ModulePathGate(modules, published));
        published.add(new PublishedEndpoints.Published("platform", "/", List.of(PlatformResource.class)));
    }

    @Modified
    void modified(RestConfig config) {
        settings.apply(config);
        loginCache.clear();
        LOG.info("REST settings updated: realm={}, maxBodyBytes={}, authCacheSeconds={}",
                config.realm(), config.maxBodyBytes(), config.authCacheSeconds());
    }

    @Deactivate
    void deactivate() {
        platformServer.destroy();
        published.remove("/");
        modules.close();
    }

    /** Features deployments (install, uninstall, upgrade) tell the module tracker when a reinstall ends. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindFeaturesService(FeaturesService features) {
        deployments.bind(features);
    }

    void unbindFeaturesService(FeaturesService features) {
        deployments.unbind(features);
    }

    @Override
    public RestEndpoint publish(String module, String address, List<Object> resources) {
        if (address == null || !address.startsWith("/v") || address.endsWith("/")) {
            throw new IllegalArgumentException("A module address looks like /v1/things, not " + address);
        }
        if (modules.installedModules().stream().noneMatch(m -> m.name().equals(module) && m.paths().contains(address))) {
            // Undeclared paths would answer 404 instead of 503 while the module restarts.
            LOG.warn("Module {} publishes {} without declaring it in its {} manifest header", module, address,
                    ModuleTracker.PATHS_HEADER);
        }
        AtomicBoolean closing = new AtomicBoolean();
        Bundle moduleBundle = resources.isEmpty() ? null : FrameworkUtil.getBundle(resources.get(0).getClass());
        // Aries JPA may close the module's persistence unit before DS withdraws its server.
        BooleanSupplier goingAway = () -> closing.get() || (moduleBundle != null && moduleBundle.getState() != Bundle.ACTIVE);
        Server server = create(address, resources, goingAway, new ClosingGate(module, closing));
        published.add(new PublishedEndpoints.Published(module, address,
                resources.stream().<Class<?>>map(Object::getClass).toList()));
        LOG.info("Published module {} at /api{}", module, address);
        return new RestEndpoint() {
            @Override
            public String address() {
                return address;
            }

            @Override
            public void close() {
                // First: requests already inside this server while it goes answer 503, not "no resource".
                closing.set(true);
                published.remove(address);
                server.destroy();
                LOG.info("Withdrew module {} from /api{}", module, address);
            }
        };
    }

    private Server create(String address, List<Object> resources, BooleanSupplier goingAway, Object... extraProviders) {
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setBus(bus);
        factory.setAddress(address);
        factory.setServiceBeans(new ArrayList<>(resources));
        List<Object> providers = providers(address, goingAway);
        providers.addAll(List.of(extraProviders));
        factory.setProviders(providers);
        return factory.create();
    }

    /** Fresh provider instances per server: CXF injects per-server context proxies into them. */
    private List<Object> providers(String address, BooleanSupplier goingAway) {
        List<Object> providers = new ArrayList<>();
        // A mapper per server: Jackson caches serializers per class, so a shared one would keep every
        // uninstalled module's classes (and its bundle's class loader) alive.
        providers.add(new JacksonJsonProvider(JsonMapperFactory.create()));
        providers.add(new BodyLimitFilter(settings));
        providers.add(new AuthFilter(address, settings, loginCache, rateLimits));
        providers.add(new RateLimitFilter(rateLimits));
        providers.add(new SecurityHeadersFilter());
        providers.add(new IdempotencyFilter(() -> idempotencyStore));
        providers.add(new DeprecationHeadersFilter());
        providers.addAll(ExceptionMappers.create(goingAway));
        return providers;
    }
}
