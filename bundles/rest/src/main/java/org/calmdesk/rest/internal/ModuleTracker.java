package org.calmdesk.rest.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.util.tracker.BundleTracker;

/**
 * Knows the installed Calmdesk modules and the paths each owns: impl bundles whose manifest names
 * their module in {@code Calmdesk-Module} and their server addresses in {@code Calmdesk-Paths}.
 * A module owns its paths from install to uninstall, whatever its state, so a request to a module
 * that is starting, stopping or being updated is told to retry (503) instead of "not found".
 * A module uninstalled by a features deployment still in progress (a reinstall or an upgrade
 * swaps the bundle within one deployment) keeps its paths until that deployment ends.
 */
final class ModuleTracker extends BundleTracker<ModuleTracker.Module> {

    static final String MODULE_HEADER = "Calmdesk-Module";
    static final String PATHS_HEADER = "Calmdesk-Paths";

    /** An installed module bundle and the server addresses it declares, such as {@code /v1/customers}. */
    record Module(String name, Bundle bundle, List<String> paths) {

        boolean owns(String path) {
            return paths.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
        }
    }

    record ModuleState(String name, String version, String state) {
    }

    private final Map<Long, Module> installed = new ConcurrentHashMap<>();
    private final Map<Long, Module> leaving = new ConcurrentHashMap<>();
    private volatile boolean deploying;

    ModuleTracker(BundleContext context) {
        super(context, Bundle.INSTALLED | Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING, null);
    }

    @Override
    public Module addingBundle(Bundle bundle, BundleEvent event) {
        String name = bundle.getHeaders("").get(MODULE_HEADER);
        if (name == null) {
            return null;
        }
        String declared = bundle.getHeaders("").get(PATHS_HEADER);
        List<String> paths = declared == null ? List.of()
                : Arrays.stream(declared.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
        Module module = new Module(name.trim(), bundle, paths);
        installed.put(bundle.getBundleId(), module);
        leaving.values().removeIf(old -> old.name().equals(module.name()));
        return module;
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, Module module) {
        installed.remove(bundle.getBundleId());
        if (deploying) {
            leaving.put(bundle.getBundleId(), module);
        }
    }

    /** Called by the features service around each deployment (install, uninstall, upgrade). */
    void deploymentStarted() {
        deploying = true;
    }

    void deploymentFinished() {
        deploying = false;
        leaving.clear();
    }

    /** The installed (or just reinstalling) module that owns {@code path}, below the CXF servlet. */
    Optional<Module> ownerOf(String requestPath) {
        String path = "/" + requestPath.replaceFirst("^/+", "");
        return Stream.concat(installed.values().stream(), leaving.values().stream()).filter(m -> m.owns(path)).findFirst();
    }

    /** The modules installed now, one entry per module name. */
    List<Module> installedModules() {
        return installed.values().stream().sorted(Comparator.comparing(Module::name)).toList();
    }

    List<ModuleState> modules() {
        return installedModules().stream()
                .map(m -> new ModuleState(m.name(), m.bundle().getVersion().toString(), stateOf(m.bundle())))
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
