import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Uninstalls and installs one module's feature CYCLES times through Karaf's JMX MBeans and prints,
 * per cycle, the live threads and the heap used right after a full GC; at the end the classes whose
 * live instances grew most between cycle 5 and the last. Optionally writes a heap dump (live objects)
 * after the last cycle, for a GC-root analysis of whatever grew.
 *
 * java bench/InstallCycles.java JMX_URL [feature=calmdesk-survey] [cycles=20] [heap dump path]
 */
public class InstallCycles {
    public static void main(String[] args) throws Exception {
        String feature = args.length > 1 ? args[1] : "calmdesk-survey";
        int cycles = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(args[0]),
                Map.of(JMXConnector.CREDENTIALS, new String[] { "admin", "admin" }))) {
            MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
            ObjectName features = new ObjectName("org.apache.karaf:type=feature,name=root");
            ObjectName diagnostics = new ObjectName("com.sun.management:type=DiagnosticCommand");
            ObjectName threads = new ObjectName("java.lang:type=Threading");
            ObjectName memory = new ObjectName("java.lang:type=Memory");
            long[] heapMb = new long[cycles + 1];
            int[] threadCount = new int[cycles + 1];
            Map<String, Long> baseline = new LinkedHashMap<>();
            for (int cycle = 0; cycle <= cycles; cycle++) {
                if (cycle > 0) {
                    mbeans.invoke(features, "uninstallFeature", new Object[] { feature }, new String[] { "java.lang.String" });
                    mbeans.invoke(features, "installFeature", new Object[] { feature }, new String[] { "java.lang.String" });
                }
                // gcClassHistogram runs a full GC first, so the heap read right after is what stays live.
                String histogram = (String) mbeans.invoke(diagnostics, "gcClassHistogram",
                        new Object[] { new String[0] }, new String[] { String[].class.getName() });
                javax.management.openmbean.CompositeData heap = (javax.management.openmbean.CompositeData)
                        mbeans.getAttribute(memory, "HeapMemoryUsage");
                heapMb[cycle] = ((Long) heap.get("used")) >> 20;
                threadCount[cycle] = (Integer) mbeans.getAttribute(threads, "ThreadCount");
                if (cycle == Math.min(5, cycles)) baseline = instances(histogram);
                if (cycle == cycles) {
                    Map<String, Long> last = instances(histogram);
                    Map<String, Long> base = baseline;
                    System.out.println("Classes whose live instances grew most from cycle " + Math.min(5, cycles) + " to " + cycles + ":");
                    last.entrySet().stream()
                            .map(e -> Map.entry(e.getKey(), e.getValue() - base.getOrDefault(e.getKey(), 0L)))
                            .filter(e -> e.getValue() > 0)
                            .sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(25)
                            .forEach(e -> System.out.printf("  +%-8d %s%n", e.getValue(), e.getKey()));
                }
            }
            System.out.println("Threads per cycle:            " + Arrays.toString(threadCount));
            System.out.println("Heap after full GC per cycle: " + Arrays.toString(heapMb) + " MB");
            int from = Math.min(5, cycles);
            System.out.printf("Growth from cycle %d to %d: heap %+d MB (%.2f MB/cycle), threads %+d%n", from, cycles,
                    heapMb[cycles] - heapMb[from], (heapMb[cycles] - heapMb[from]) / (double) Math.max(1, cycles - from),
                    threadCount[cycles] - threadCount[from]);
            if (args.length > 3) {
                mbeans.invoke(new ObjectName("com.sun.management:type=HotSpotDiagnostic"), "dumpHeap",
                        new Object[] { args[3], true }, new String[] { "java.lang.String", "boolean" });
                System.out.println("Heap dump: " + args[3]);
            }
        }
    }

    /** Class name to live instance count, from a GC.class_histogram text. */
    static Map<String, Long> instances(String histogram) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String line : histogram.split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length == 4 && cols[0].endsWith(":")) counts.merge(cols[3], Long.parseLong(cols[1]), Long::sum);
        }
        return counts;
    }
}
