package org.calmdesk.rest.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.util.tracker.BundleTracker;

/**
 * Knows the installed Calmdesk modules: impl bundles whose manifest names their module in a
 * {@code Calmdesk-Module} header. A stopped module still shows, with its state, so health tells
 * an admin what is installed but not running.
 */
final class ModuleTracker extends BundleTracker<String> {

    static final String MODULE_HEADER = "Calmdesk-Module";

    record ModuleState(String name, String version, String state) {
    }

    private final Map<Long, Bundle> modules = new ConcurrentHashMap<>();

    ModuleTracker(BundleContext context) {
        super(context, Bundle.INSTALLED | Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING, null);
    }

    @Override
    public String addingBundle(Bundle bundle, BundleEvent event) {
        String module = bundle.getHeaders("").get(MODULE_HEADER);
        if (module == null) {
            return null;
        }
        modules.put(bundle.getBundleId(), bundle);
        return module;
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, String module) {
        modules.remove(bundle.getBundleId());
    }

    List<ModuleState> modules() {
        return modules.values().stream()
                .map(b -> new ModuleState(b.getHeaders("").get(MODULE_HEADER), b.getVersion().toString(), stateOf(b)))
                .sorted(Comparator.comparing(ModuleState::name))
                .toList();
    }

    static String stateOf(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            default -> "UNINSTALLED";
        };
    }
}
