package org.calmdesk.http.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.calmdesk.rest.RestPublisher;
import org.eclipse.jetty.server.Handler;
import org.osgi.annotation.bundle.Header;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Registers the two Jetty handlers of this bundle. A bundle activator rather than Declarative
 * Services, the one exception in Calmdesk, for a reason of order. Pax Web's Jetty bundle takes
 * handlers as services, and one that turns up after the web server started makes Pax Web restart
 * the server; registered by DS (which starts at Pax Web's own start level) the handlers came late,
 * so for the first second the server answered Jetty's HTML 404 and then refused connections. A
 * handler registered before Pax Web's Jetty bundle starts is no better: its activator fails on it.
 * So this bundle starts earlier (start level 25) and registers the handlers the moment Pax Web's
 * Jetty bundle has started, before Pax Web configures the first server.
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class WebServerGates implements BundleActivator {

    private final List<ServiceRegistration<Handler>> registrations = new ArrayList<>();
    private ServiceTracker<RestPublisher, RestPublisher> platform;
    private StartupGate startupGate;

    static final String PAX_WEB_JETTY = "org.ops4j.pax.web.pax-web-jetty";

    private BundleContext context;
    private SynchronousBundleListener whenJettyStarts;

    @Override
    public void start(BundleContext context) {
        this.context = context;
        platform = new ServiceTracker<>(context, RestPublisher.class, null);
        platform.open();
        startupGate = new StartupGate(() -> !platform.isEmpty());
        // Synchronous: called on the thread that started Pax Web's Jetty bundle, before anything else runs.
        whenJettyStarts = event -> {
            if (event.getType() == BundleEvent.STARTED && PAX_WEB_JETTY.equals(event.getBundle().getSymbolicName())) {
                registerHandlers();
            }
        };
        context.addBundleListener(whenJettyStarts);
        if (Arrays.stream(context.getBundles()).anyMatch(b -> PAX_WEB_JETTY.equals(b.getSymbolicName()) && b.getState() == Bundle.ACTIVE)) {
            // This bundle restarted (or was updated) under a running web server: Pax Web restarts it once.
            registerHandlers();
        }
    }

    private synchronized void registerHandlers() {
        if (!registrations.isEmpty() || context == null) {
            return;
        }
        // A positive service.ranking puts a handler before the web contexts, zero or less after them
        // (Pax Web's PrioritizedHandlerCollection).
        registrations.add(context.registerService(Handler.class, startupGate, ranking(1000)));
        registrations.add(context.registerService(Handler.class, new NoServiceFoundGate(), ranking(-1000)));
    }

    @Override
    public synchronized void stop(BundleContext context) {
        context.removeBundleListener(whenJettyStarts);
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
        this.context = null;
        startupGate.restoreErrorHandler();
        platform.close();
    }

    private static Dictionary<String, Object> ranking(int ranking) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, ranking);
        return properties;
    }
}
