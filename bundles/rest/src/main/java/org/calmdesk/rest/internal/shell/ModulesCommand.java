package org.calmdesk.rest.internal.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * The installed Calmdesk modules (bundles with a {@code Calmdesk-Module} header): version, state,
 * bundle id, and each module's effective configuration, PID {@code calmdesk.<module>}: the value
 * in force for every attribute its metatype describes, and where it comes from (the .cfg file or
 * the default).
 */
@Command(scope = "calmdesk", name = "modules", description = "Lists installed Calmdesk modules with their state and effective configuration")
@Service
public class ModulesCommand implements Action {

    static final String MODULE_HEADER = "Calmdesk-Module";
    private static final Set<String> BOOKKEEPING = Set.of("service.pid", "felix.fileinstall.filename", "service.factoryPid");

    @Reference
    BundleContext context;

    @Reference
    ConfigurationAdmin configAdmin;

    @Reference(optional = true)
    MetaTypeService metaType;

    @Option(name = "--no-config", aliases = "-n", description = "Only the module table")
    boolean noConfig;

    @Override
    public Object execute() throws IOException, InvalidSyntaxException {
        List<Bundle> modules = Arrays.stream(context.getBundles()).filter(b -> b.getHeaders("").get(MODULE_HEADER) != null)
                .sorted(Comparator.comparing(b -> b.getHeaders("").get(MODULE_HEADER))).toList();
        PrintStream out = System.out;
        ShellTable table = new ShellTable();
        table.column("Module");
        table.column("Version");
        table.column("State");
        table.column("Bundle");
        table.column("Configuration");
        for (Bundle b : modules) {
            String module = b.getHeaders("").get(MODULE_HEADER);
            table.addRow().addContent(module, b.getVersion(), state(b), b.getBundleId() + " " + b.getSymbolicName(),
                    configAdmin.listConfigurations("(service.pid=calmdesk." + module + ")") == null ? "defaults" : "calmdesk." + module);
        }
        table.print(out);
        if (noConfig) {
            return null;
        }
        for (Bundle b : modules) {
            String pid = "calmdesk." + b.getHeaders("").get(MODULE_HEADER);
            Map<String, String[]> effective = effective(b, pid);
            if (effective.isEmpty()) {
                continue;
            }
            out.println();
            out.println(pid + ":");
            effective.forEach((key, value) -> out.printf("  %-24s = %s   (%s)%n", key, value[0], value[1]));
        }
        return null;
    }

    /** Key to {value, source}: the configured value, else the metatype default. */
    private Map<String, String[]> effective(Bundle bundle, String pid) throws IOException, InvalidSyntaxException {
        Map<String, String[]> result = new LinkedHashMap<>();
        Configuration[] configs = configAdmin.listConfigurations("(service.pid=" + pid + ")");
        Map<String, Object> configured = new TreeMap<>();
        if (configs != null && configs[0].getProperties() != null) {
            Dictionary<String, Object> props = configs[0].getProperties();
            for (String key : java.util.Collections.list(props.keys())) {
                if (!BOOKKEEPING.contains(key)) {
                    configured.put(key, props.get(key));
                }
            }
        }
        List<AttributeDefinition> attributes = new ArrayList<>();
        MetaTypeService service = metaType;
        if (service != null) {
            MetaTypeInformation info = service.getMetaTypeInformation(bundle);
            if (info != null && Arrays.asList(info.getPids()).contains(pid)) {
                ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
                attributes.addAll(Arrays.asList(ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)));
            }
        }
        for (AttributeDefinition attribute : attributes) {
            Object value = configured.remove(attribute.getID());
            String[] defaults = attribute.getDefaultValue();
            result.put(attribute.getID(), value != null ? new String[] { String.valueOf(value), "configured" }
                    : new String[] { defaults == null ? "" : String.join(",", defaults), "default" });
        }
        configured.forEach((key, value) -> result.put(key, new String[] { String.valueOf(value),
                attributes.isEmpty() ? "configured" : "configured, not in the metatype" }));
        return result;
    }

    private static String state(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.RESOLVED -> "RESOLVED";
            default -> "INSTALLED";
        };
    }
}
