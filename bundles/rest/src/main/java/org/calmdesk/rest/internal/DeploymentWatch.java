package org.calmdesk.rest.internal;

import java.util.function.Supplier;

import org.apache.karaf.features.DeploymentEvent;
import org.apache.karaf.features.DeploymentListener;
import org.apache.karaf.features.FeaturesService;

/**
 * Tells the module tracker when a features deployment starts and ends, so a module whose bundle
 * is swapped within one deployment keeps answering 503, not 404, until the new one is installed.
 */
final class DeploymentWatch implements DeploymentListener {

    private final Supplier<ModuleTracker> modules;
    private volatile FeaturesService features;

    DeploymentWatch(Supplier<ModuleTracker> modules) {
        this.modules = modules;
    }

    void bind(FeaturesService service) {
        features = service;
        service.registerListener(this);
    }

    void unbind(FeaturesService service) {
        service.unregisterListener(this);
        if (features == service) {
            features = null;
        }
        ModuleTracker tracker = modules.get();
        if (tracker != null) {
            tracker.deploymentFinished();
        }
    }

    @Override
    public void deploymentEvent(DeploymentEvent event) {
        ModuleTracker tracker = modules.get();
        if (tracker == null) {
            return;
        }
        if (event == DeploymentEvent.DEPLOYMENT_STARTED) {
            tracker.deploymentStarted();
        } else if (event == DeploymentEvent.DEPLOYMENT_FINISHED) {
            tracker.deploymentFinished();
        }
    }
}
