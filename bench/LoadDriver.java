import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Closed-loop HTTP load against a running Calmdesk: N connections each send the next request as
 * soon as the previous answer arrives. Prints requests/s, p50 and p99 per scenario and each
 * scenario's throughput relative to GET /health.
 *
 * java bench/LoadDriver.java BASE_URL [connections] [seconds per scenario]
 * java bench/LoadDriver.java BASE_URL [connections] [seconds per scenario] followup-due [rows]
 * java bench/LoadDriver.java BASE_URL [connections] [seconds per scenario] survey-report [answers]
 * java bench/LoadDriver.java BASE_URL [connections] [seconds per scenario] live-swap JMX_URL
 * java bench/LoadDriver.java BASE_URL [connections] [seconds per scenario] scale SCENARIO_FILE
 */
public class LoadDriver {

    record Result(String name, long requests, long errors, double seconds, long p50Micros, long p95Micros, long p99Micros) {
        double rps() {
            return requests / seconds;
        }
    }

    static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8181";
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String run = Long.toString(System.currentTimeMillis(), 36);
        if (args.length > 3 && args[3].equals("live-swap")) {
            liveSwap(base, client, connections, args[4]);
            return;
        }
        if (args.length > 3 && args[3].equals("survey-report")) {
            surveyReport(base, client, connections, seconds, args.length > 4 ? Integer.parseInt(args[4]) : 100_000);
            return;
        }
        if (args.length > 3 && args[3].equals("scale")) {
            scale(base, client, connections, seconds, java.nio.file.Path.of(args[4]));
            return;
        }
        if (args.length > 3 && args[3].equals("followup-due")) {
            followUpDue(base, client, connections, seconds, args.length > 4 ? Integer.parseInt(args[4]) : 100_000);
            return;
        }

        List<String> ids = new CopyOnWriteArrayList<>();
        Supplier<HttpRequest> health = () -> HttpRequest.newBuilder(URI.create(base + "/api/v1/health")).GET().build();
        AtomicLong counter = new AtomicLong();
        Supplier<HttpRequest> create = () -> {
            long n = counter.incrementAndGet();
            String body = String.format(Locale.ROOT,
                    "{\"name\":\"压测客户 %d\",\"email\":\"bench%d@example.cn\",\"phone\":\"+86 139 %08d\","
                            + "\"externalRef\":\"bench-%s-%d\",\"segment\":\"bench-%d\",\"tags\":[\"bench\"]}",
                    n, n, n % 100_000_000, run, n, n % 10);
            return HttpRequest.newBuilder(URI.create(base + "/api/v1/customers")).header("Authorization", AUTH)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        };
        Supplier<HttpRequest> read = () -> HttpRequest.newBuilder(URI.create(base + "/api/v1/customers/"
                + ids.get(ThreadLocalRandom.current().nextInt(ids.size())))).header("Authorization", AUTH).GET().build();
        Supplier<HttpRequest> list = () -> HttpRequest.newBuilder(URI.create(base + "/api/v1/customers?segment=bench-"
                + ThreadLocalRandom.current().nextInt(10) + "&tag=bench&limit=20")).header("Authorization", AUTH).GET().build();

        List<String> ticketIds = new CopyOnWriteArrayList<>();
        String[] categories = { "PRODUCT_QUALITY", "AFTER_SALES", "SERVICE_ATTITUDE", "BILLING", "DELIVERY", "POLICY", "OTHER" };
        Supplier<HttpRequest> openTicket = () -> {
            long n = counter.incrementAndGet();
            String body = String.format(Locale.ROOT,
                    "{\"customerId\":\"%s\",\"channel\":\"PHONE\",\"category\":\"%s\",\"subject\":\"转账限额太低 %d\","
                            + "\"description\":\"我已经打了三次电话了\",\"emotion\":{\"label\":\"ANGER\",\"intensity\":0.%d}}",
                    ids.get(ThreadLocalRandom.current().nextInt(ids.size())), categories[(int) (n % categories.length)], n, n % 10);
            return HttpRequest.newBuilder(URI.create(base + "/api/v1/tickets")).header("Authorization", AUTH)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        };
        // Each ticket walks NEW -> ACKNOWLEDGED -> INVESTIGATING <-> SOLUTION_PROPOSED; a ticket is
        // requeued with its next move before its request is sent, so no two requests race on one ticket.
        java.util.concurrent.ConcurrentLinkedQueue<String[]> movable = new java.util.concurrent.ConcurrentLinkedQueue<>();
        Supplier<HttpRequest> transition = () -> {
            String[] ticket = movable.poll();
            String next = switch (ticket[1]) {
                case "ACKNOWLEDGED", "SOLUTION_PROPOSED" -> "INVESTIGATING";
                default -> "SOLUTION_PROPOSED";
            };
            movable.add(new String[] { ticket[0], next });
            return HttpRequest.newBuilder(URI.create(base + "/api/v1/tickets/" + ticket[0] + "/transitions"))
                    .header("Authorization", AUTH).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"" + ticket[1] + "\"}")).build();
        };

        // Warm up the JIT and the pools, and collect ids to read.
        measure("warm-up", client, health, connections, 5, null);
        measure("warm-up", client, create, connections, 5, ids);
        measure("warm-up", client, openTicket, connections, 5, null);

        // CPU per request of the node, of this driver and of the database's sessions (BENCH_NODE_PID,
        // BENCH_PG_DB): on a saturated machine a scenario's share of GET /health's rate is about the
        // inverse of its share of CPU, so this says where a ratio's gap sits.
        long nodePid = Long.parseLong(System.getenv().getOrDefault("BENCH_NODE_PID", "0"));
        String database = System.getenv().getOrDefault("BENCH_PG_DB", "");
        long driverPid = ProcessHandle.current().pid();
        java.util.Map<String, double[]> cpuPerRequest = new java.util.HashMap<>();
        List<Result> results = new ArrayList<>();
        interface Measured {
            Result of(String name, Supplier<HttpRequest> requests, List<String> createdIds);
        }
        Measured measured = (name, requests, createdIds) -> {
            long node = ProcessCpu.ofPid(nodePid), driver = ProcessCpu.ofPid(driverPid), db = ProcessCpu.ofSessions(database);
            try {
                Result result = measure(name, client, requests, connections, seconds, createdIds);
                double n = Math.max(1, result.requests());
                cpuPerRequest.put(name, new double[] { (ProcessCpu.ofPid(nodePid) - node) / n,
                        (ProcessCpu.ofPid(driverPid) - driver) / n, (ProcessCpu.ofSessions(database) - db) / n });
                return result;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        results.add(measured.of("GET /health", health, null));
        results.add(measured.of("POST /customers", create, ids));
        results.add(measured.of("GET /customers/{id}", read, null));
        results.add(measured.of("GET /customers?segment&tag", list, null));
        results.add(measured.of("POST /tickets", openTicket, ticketIds));
        ticketIds.forEach(id -> movable.add(new String[] { id, "ACKNOWLEDGED" }));
        results.add(measured.of("POST /tickets/{id}/transitions", transition, null));

        // Issue 17's targets: the share of GET /health's rate, and p99 within 2x its p99 at 32
        // connections or at most 25 ms at 8.
        java.util.Map<String, Integer> targetShare = java.util.Map.of("GET /health", 100, "POST /customers", 60,
                "GET /customers/{id}", 90, "GET /customers?segment&tag", 90, "POST /tickets", 50, "POST /tickets/{id}/transitions", 60);
        Result healthResult = results.get(0);
        double healthRps = healthResult.rps();
        double p99TargetMs = connections >= 32 ? 2 * healthResult.p99Micros() / 1000.0 : connections <= 8 ? 25 : Double.NaN;
        System.out.printf(Locale.ROOT, "%n%d connections, %d s per scenario; CPU ms per request of the node, of this driver and of"
                + " the database's sessions%n", connections, seconds);
        System.out.printf(Locale.ROOT, "%-32s %8s %8s %8s %7s %10s %7s %9s %9s %7s %7s%n", "scenario", "req/s", "p50 ms", "p99 ms",
                "errors", "vs health", "target", "p99 <=", "node cpu", "driver", "db cpu");
        for (Result r : results) {
            double share = 100.0 * r.rps() / healthRps;
            int target = targetShare.get(r.name());
            boolean shareOk = share >= target - 0.5;
            boolean p99Ok = Double.isNaN(p99TargetMs) || r.p99Micros() / 1000.0 <= p99TargetMs;
            double[] cpu = cpuPerRequest.get(r.name());
            System.out.printf(Locale.ROOT, "%-32s %8.0f %8.1f %8.1f %7d %9.0f%% %4d%% %-2s %6s %-2s %9s %7s %7s%n", r.name(), r.rps(),
                    r.p50Micros() / 1000.0, r.p99Micros() / 1000.0, r.errors(), share, target, shareOk ? "ok" : "x",
                    Double.isNaN(p99TargetMs) ? "-" : String.format(Locale.ROOT, "%.0f", p99TargetMs), p99Ok ? "ok" : "x",
                    milliseconds(nodePid > 0, cpu[0]), milliseconds(true, cpu[1]), milliseconds(!database.isEmpty(), cpu[2]));
        }
        long errors = results.stream().mapToLong(Result::errors).sum();
        System.exit(errors == 0 ? 0 : 1);
    }

    /**
     * Seeds {@code rows} follow-ups spread over 60 days and 20 assignees, then measures the two
     * lists agents open every day: the team's follow-ups due today, and one agent's due this week.
     */
    static void followUpDue(String base, HttpClient client, int connections, int seconds, int rows) throws Exception {
        List<String> customers = new CopyOnWriteArrayList<>();
        AtomicLong n = new AtomicLong();
        Supplier<HttpRequest> customer = () -> post(base + "/api/v1/customers",
                "{\"name\":\"回访客户 " + n.incrementAndGet() + "\"}");
        while (customers.size() < 200) {
            measure("warm-up", client, customer, 8, 1, customers);
        }
        java.time.Instant now = java.time.Instant.now();
        AtomicLong seeded = new AtomicLong();
        Supplier<HttpRequest> followUp = () -> {
            long i = seeded.incrementAndGet();
            java.time.Instant due = now.plusSeconds(60 + (i * 7919L) % (60L * 24 * 3600));
            return post(base + "/api/v1/followups", String.format(Locale.ROOT,
                    "{\"customerId\":\"%s\",\"dueAt\":\"%s\",\"channel\":\"PHONE\",\"purpose\":\"回访 %d\",\"assignee\":\"agent-%d\"}",
                    customers.get((int) (i % customers.size())), due, i, i % 20));
        };
        long seedStart = System.nanoTime();
        Result seed = null;
        while (seeded.get() < rows) {
            seed = measure("seed", client, followUp, connections, 5, null);
        }
        System.out.printf(Locale.ROOT, "seeded %d follow-ups in %.0f s (%d errors in the last batch)%n", seeded.get(),
                (System.nanoTime() - seedStart) / 1e9, seed == null ? 0 : seed.errors());
        String today = java.net.URLEncoder.encode(now.plusSeconds(24 * 3600).toString(), StandardCharsets.UTF_8);
        String week = java.net.URLEncoder.encode(now.plusSeconds(7 * 24 * 3600).toString(), StandardCharsets.UTF_8);
        Supplier<HttpRequest> teamToday = () -> get(base + "/api/v1/followups?status=PENDING&dueBefore=" + today + "&limit=50");
        Supplier<HttpRequest> agentWeek = () -> get(base + "/api/v1/followups?status=PENDING&assignee=agent-"
                + ThreadLocalRandom.current().nextInt(20) + "&dueBefore=" + week + "&limit=50");
        measure("warm-up", client, teamToday, connections, 5, null);
        List<Result> results = List.of(measure("due today, whole team", client, teamToday, connections, seconds, null),
                measure("due this week, one agent", client, agentWeek, connections, seconds, null));
        System.out.printf(Locale.ROOT, "%n%d follow-ups, %d connections, %d s per scenario%n", seeded.get(), connections, seconds);
        System.out.printf(Locale.ROOT, "%-32s %10s %9s %9s %8s%n", "scenario", "req/s", "p50 ms", "p99 ms", "errors");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-32s %10.0f %9.1f %9.1f %8d%n", r.name(), r.rps(), r.p50Micros() / 1000.0,
                    r.p99Micros() / 1000.0, r.errors());
        }
        System.exit(results.stream().mapToLong(Result::errors).sum() == 0 ? 0 : 1);
    }

    /** Seeds {@code answers} invitations and answers to one survey, then measures its report over them. */
    static void surveyReport(String base, HttpClient client, int connections, int seconds, int answers) throws Exception {
        HttpResponse<String> created = client.send(post(base + "/api/v1/surveys", "{\"name\":\"bench\",\"trigger\":\"MANUAL\","
                + "\"questions\":[{\"key\":\"csat\",\"type\":\"CSAT\",\"text\":\"满意吗\"},{\"key\":\"nps\",\"type\":\"NPS\",\"text\":\"推荐吗\"},"
                + "{\"key\":\"comment\",\"type\":\"TEXT\",\"text\":\"建议\",\"required\":false}]}"), HttpResponse.BodyHandlers.ofString());
        String body = created.body();
        int at = body.indexOf("\"id\":\"") + 6;
        String surveyId = body.substring(at, body.indexOf('"', at));
        List<String> customers = new CopyOnWriteArrayList<>();
        AtomicLong n = new AtomicLong();
        while (customers.size() < 200) {
            measure("warm-up", client, () -> post(base + "/api/v1/customers", "{\"name\":\"问卷客户 " + n.incrementAndGet() + "\"}"),
                    8, 1, customers);
        }
        java.util.concurrent.ConcurrentLinkedQueue<String> tokens = new java.util.concurrent.ConcurrentLinkedQueue<>();
        AtomicLong invited = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        long seedStart = System.nanoTime();
        Thread[] workers = new Thread[connections];
        for (int w = 0; w < connections; w++) {
            workers[w] = new Thread(() -> {
                while (answered.get() < answers) {
                    try {
                        long i = invited.incrementAndGet();
                        HttpResponse<String> invitation = client.send(post(base + "/api/v1/surveys/" + surveyId + "/invitations",
                                "{\"customerId\":\"" + customers.get((int) (i % customers.size())) + "\",\"channel\":\"SMS\"}"),
                                HttpResponse.BodyHandlers.ofString());
                        String text = invitation.body();
                        int t = text.indexOf("\"token\":\"") + 9;
                        String token = text.substring(t, text.indexOf('"', t));
                        String answer = String.format(Locale.ROOT, "{\"answers\":{\"csat\":%d,\"nps\":%d%s}}", 1 + i % 5, i % 11,
                                i % 10 == 0 ? ",\"comment\":\"第" + i + "位客户的建议\"" : "");
                        if (client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/survey-responses/" + token))
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(answer)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 201) {
                            answered.incrementAndGet();
                        }
                    } catch (Exception e) {
                        tokens.add("error: " + e);
                    }
                }
            });
            workers[w].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.printf(Locale.ROOT, "seeded %d invitations and %d answers in %.0f s (%d errors)%n", invited.get(), answered.get(),
                (System.nanoTime() - seedStart) / 1e9, tokens.size());
        Supplier<HttpRequest> report = () -> get(base + "/api/v1/surveys/" + surveyId + "/report?from=2000-01-01T00:00:00Z");
        measure("warm-up", client, report, 2, 5, null);
        Result r = measure("GET /surveys/{id}/report", client, report, Math.min(connections, 4), seconds, null);
        System.out.printf(Locale.ROOT, "%n%d answers, %d connections, %d s%n", answered.get(), Math.min(connections, 4), seconds);
        System.out.printf(Locale.ROOT, "%-32s %10s %9s %9s %8s%n", "scenario", "req/s", "p50 ms", "p99 ms", "errors");
        System.out.printf(Locale.ROOT, "%-32s %10.1f %9.1f %9.1f %8d%n", r.name(), r.rps(), r.p50Micros() / 1000.0, r.p99Micros() / 1000.0,
                r.errors());
        System.exit(r.errors() == 0 ? 0 : 1);
    }

    /**
     * While customers and tickets are read and written, each other module's feature is uninstalled
     * and installed again, then each impl bundle updated, through Karaf's JMX MBeans (as an admin
     * tool would). Prints failed/total of the untouched modules and the outage of each swap.
     */
    static void liveSwap(String base, HttpClient client, int connections, String jmxUrl) throws Exception {
        javax.management.remote.JMXConnector jmx = javax.management.remote.JMXConnectorFactory.connect(
                new javax.management.remote.JMXServiceURL(jmxUrl),
                java.util.Map.of(javax.management.remote.JMXConnector.CREDENTIALS, new String[] { "admin", "admin" }));
        javax.management.MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
        javax.management.ObjectName features = new javax.management.ObjectName("org.apache.karaf:type=feature,name=root");
        javax.management.ObjectName bundles = new javax.management.ObjectName("org.apache.karaf:type=bundle,name=root");
        String customer = client.send(post(base + "/api/v1/customers", "{\"name\":\"swap\"}"), HttpResponse.BodyHandlers.ofString()).body();
        int c = customer.indexOf("\"id\":\"") + 6;
        String customerId = customer.substring(c, customer.indexOf('"', c));
        AtomicLong total = new AtomicLong();
        List<String> failures = new CopyOnWriteArrayList<>();
        List<String> written = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Thread> load = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            int worker = w;
            Thread thread = new Thread(() -> {
                long i = 0;
                while (running.get()) {
                    i++;
                    boolean ticket = (i + worker) % 2 == 0;
                    HttpRequest request = ticket ? post(base + "/api/v1/tickets", "{\"customerId\":\"" + customerId
                            + "\",\"channel\":\"CHAT\",\"category\":\"OTHER\",\"subject\":\"换模块 " + i + "\"}")
                            : post(base + "/api/v1/customers", "{\"name\":\"换模块客户 " + i + "\"}");
                    try {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        total.incrementAndGet();
                        if (response.statusCode() != 201) {
                            failures.add(request.uri().getPath() + " " + response.statusCode());
                        } else {
                            written.add(response.headers().firstValue("Location").orElse(""));
                        }
                    } catch (Exception e) {
                        total.incrementAndGet();
                        failures.add(request.uri().getPath() + " " + e);
                    }
                }
            });
            load.add(thread);
            thread.start();
        }
        java.util.Map<String, String> modules = new java.util.LinkedHashMap<>();
        modules.put("followup", "/api/v1/followups");
        modules.put("survey", "/api/v1/surveys");
        modules.put("emotion", "/api/v1/agents/exposure");
        modules.put("knowledge", "/api/v1/articles");
        List<String[]> swaps = new ArrayList<>();
        Thread.sleep(2000);
        for (java.util.Map.Entry<String, String> module : modules.entrySet()) {
            if (status(client, base + module.getValue()) != 401) {
                continue; // not installed in this distribution
            }
            long start = System.nanoTime();
            mbeans.invoke(features, "uninstallFeature", new Object[] { "calmdesk-" + module.getKey() }, new String[] { "java.lang.String" });
            mbeans.invoke(features, "installFeature", new Object[] { "calmdesk-" + module.getKey() }, new String[] { "java.lang.String" });
            swaps.add(new String[] { "reinstall calmdesk-" + module.getKey(), Long.toString(backWithin(client, base + module.getValue(), start)) });
            Thread.sleep(1000);
            start = System.nanoTime();
            mbeans.invoke(bundles, "update", new Object[] { "calmdesk-" + module.getKey() }, new String[] { "java.lang.String" });
            swaps.add(new String[] { "update calmdesk-" + module.getKey(), Long.toString(backWithin(client, base + module.getValue(), start)) });
            Thread.sleep(1000);
        }
        running.set(false);
        for (Thread thread : load) {
            thread.join();
        }
        long lost = 0;
        for (String location : written) {
            if (client.send(HttpRequest.newBuilder(URI.create(location)).header("Authorization", AUTH).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                lost++;
            }
        }
        jmx.close();
        System.out.printf(Locale.ROOT, "%n%-34s %12s%n", "swap (load on customers + tickets)", "outage ms");
        swaps.forEach(sw -> System.out.printf(Locale.ROOT, "%-34s %12s%n", sw[0], sw[1]));
        System.out.printf(Locale.ROOT, "%ncustomers + tickets: %d failed / %d total; %d acknowledged writes, %d lost%n",
                failures.size(), total.get(), written.size(), lost);
        failures.stream().limit(5).forEach(f -> System.out.println("  failed: " + f));
        System.exit(failures.isEmpty() && lost == 0 ? 0 : 1);
    }

    /**
     * Read scenarios against a large database, from a file of lines {@code name|target p95 ms|path?query}
     * (several lines of one name are that scenario's requests, taken at random; query values are
     * URL-encoded here). Prints p50 and p95 per scenario against its target; exits 1 when one fails.
     */
    static void scale(String base, HttpClient client, int connections, int seconds, java.nio.file.Path file) throws Exception {
        java.util.Map<String, List<String>> paths = new java.util.LinkedHashMap<>();
        java.util.Map<String, Long> targets = new java.util.HashMap<>();
        for (String line : java.nio.file.Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] parts = line.split("\\|", 3);
            if (parts.length == 3) {
                paths.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(encodeQuery(parts[2]));
                targets.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        // A just-started node is still compiling: after one scenario's few seconds of warm-up, JFR showed
        // the JIT's compiler threads using 12-44 % of the machine for the next minute (C2 has one thread
        // on 2 cores), and the same scenario measured 153-240 req/s after 3 s of warm-up and 344-497
        // after 15 s. So first every scenario in turn, mixed, for BENCH_WARMUP_SECONDS (default 60).
        List<String> every = paths.values().stream().flatMap(List::stream).toList();
        int warmUp = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP_SECONDS", "60"));
        if (warmUp > 0) {
            System.out.printf(Locale.ROOT, "warming up on every scenario, mixed, for %d s%n", warmUp);
            measure("warm-up", client, () -> get(base + every.get(ThreadLocalRandom.current().nextInt(every.size()))),
                    connections, warmUp, null);
        }
        // CPU time per request of the node and of the database's sessions: it depends less than req/s
        // and percentiles on what else the shared cores were doing, though not at all is too much to
        // ask (the same SQL cost PostgreSQL 1.81 and 2.53 ms per request in two runs).
        long nodePid = Long.parseLong(System.getenv().getOrDefault("BENCH_NODE_PID", "0"));
        String database = System.getenv().getOrDefault("BENCH_PG_DB", "");
        List<Result> results = new ArrayList<>();
        java.util.Map<String, double[]> cpuPerRequest = new java.util.HashMap<>();
        for (java.util.Map.Entry<String, List<String>> scenario : paths.entrySet()) {
            List<String> urls = scenario.getValue();
            Supplier<HttpRequest> request = () -> get(base + urls.get(ThreadLocalRandom.current().nextInt(urls.size())));
            measure("warm-up", client, request, connections, Math.max(2, seconds / 4), null);
            long nodeBefore = ProcessCpu.ofPid(nodePid);
            java.util.Map<String, Long> requestThreadsBefore = ProcessCpu.ofThreads(nodePid, "qtp");
            long databaseBefore = ProcessCpu.ofSessions(database);
            Result result = measure(scenario.getKey(), client, request, connections, seconds, null);
            results.add(result);
            double requests = Math.max(1, result.requests());
            cpuPerRequest.put(result.name(), new double[] { (ProcessCpu.ofPid(nodePid) - nodeBefore) / requests,
                    ProcessCpu.grown(requestThreadsBefore, ProcessCpu.ofThreads(nodePid, "qtp")) / requests,
                    (ProcessCpu.ofSessions(database) - databaseBefore) / requests });
        }
        System.out.printf(Locale.ROOT, "%n%d connections, %d s per scenario; CPU ms per request of the node, of its request"
                + " threads alone (without the JIT, GC and background jobs) and of the database's sessions%n", connections, seconds);
        System.out.printf(Locale.ROOT, "%-34s %8s %8s %8s %8s %7s %6s %9s %9s %9s%n", "scenario", "req/s", "p50 ms", "p95 ms", "target",
                "errors", "", "node cpu", "requests", "db cpu");
        boolean pass = true;
        for (Result r : results) {
            long target = targets.get(r.name());
            boolean ok = r.p95Micros() <= target * 1000 && r.errors() == 0;
            pass &= ok;
            double[] cpu = cpuPerRequest.get(r.name());
            System.out.printf(Locale.ROOT, "%-34s %8.0f %8.1f %8.1f %8d %7d %6s %9s %9s %9s%n", r.name(), r.rps(), r.p50Micros() / 1000.0,
                    r.p95Micros() / 1000.0, target, r.errors(), ok ? "pass" : "FAIL", milliseconds(nodePid > 0, cpu[0]),
                    milliseconds(nodePid > 0, cpu[1]), milliseconds(!database.isEmpty(), cpu[2]));
        }
        System.exit(pass ? 0 : 1);
    }

    /** Milliseconds of CPU (user + system) used so far, from /proc (Linux; its clock ticks are 10 ms). */
    static final class ProcessCpu {
        static long ofPid(long pid) {
            return pid <= 0 ? 0 : ticksOf(java.nio.file.Path.of("/proc", Long.toString(pid), "stat")) * 10;
        }

        /**
         * Per thread (by id), of the process's threads whose name starts with {@code prefix} (Jetty's
         * request threads: "qtp"); compare two with {@link #grown}: the pool ends idle threads.
         */
        static java.util.Map<String, Long> ofThreads(long pid, String prefix) {
            java.util.Map<String, Long> ticks = new java.util.HashMap<>();
            if (pid <= 0) {
                return ticks;
            }
            try (java.util.stream.Stream<java.nio.file.Path> threads = java.nio.file.Files.list(java.nio.file.Path.of("/proc",
                    Long.toString(pid), "task"))) {
                for (java.nio.file.Path thread : threads.toList()) {
                    try {
                        if (java.nio.file.Files.readString(thread.resolve("comm")).startsWith(prefix)) {
                            ticks.put(thread.getFileName().toString(), ticksOf(thread.resolve("stat")));
                        }
                    } catch (java.io.IOException gone) {
                        // the thread ended meanwhile
                    }
                }
            } catch (java.io.IOException e) {
                return ticks;
            }
            return ticks;
        }

        /** Milliseconds the threads alive at {@code after} used since {@code before} (a thread ended meanwhile: not counted). */
        static long grown(java.util.Map<String, Long> before, java.util.Map<String, Long> after) {
            long ticks = 0;
            for (java.util.Map.Entry<String, Long> thread : after.entrySet()) {
                ticks += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
            }
            return ticks * 10;
        }

        /** Of every PostgreSQL session on {@code database} ("postgres: ... user database client"). */
        static long ofSessions(String database) {
            if (database.isEmpty()) {
                return 0;
            }
            long ticks = 0;
            try (java.util.stream.Stream<java.nio.file.Path> processes = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
                for (java.nio.file.Path process : processes.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                    try {
                        String command = new String(java.nio.file.Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8);
                        if (command.startsWith("postgres: ") && command.contains(" " + database + " ")) {
                            ticks += ticksOf(process.resolve("stat"));
                        }
                    } catch (java.io.IOException gone) {
                        // the process ended meanwhile
                    }
                }
            } catch (java.io.IOException e) {
                return 0;
            }
            return ticks * 10;
        }

        private static long ticksOf(java.nio.file.Path stat) {
            try {
                String text = java.nio.file.Files.readString(stat);
                String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
            } catch (java.io.IOException | RuntimeException e) {
                return 0;
            }
        }
    }

    static String milliseconds(boolean known, double value) {
        return known ? String.format(Locale.ROOT, "%.2f", value) : "-";
    }

    /** The path with each query value URL-encoded (the scenario file holds them as typed, e.g. Chinese). */
    static String encodeQuery(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        if (q < 0) {
            return pathAndQuery;
        }
        StringBuilder url = new StringBuilder(pathAndQuery.substring(0, q + 1));
        for (String pair : pathAndQuery.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            url.append(url.charAt(url.length() - 1) == '?' ? "" : "&").append(pair, 0, eq + 1)
                    .append(java.net.URLEncoder.encode(pair.substring(eq + 1), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return url.toString();
    }

    static int status(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Milliseconds from {@code startNanos} until the module's path answers again (401 without credentials). */
    static long backWithin(HttpClient client, String url, long startNanos) throws Exception {
        long deadline = startNanos + 60_000_000_000L;
        while (status(client, url) != 401) {
            if (System.nanoTime() > deadline) {
                return -1;
            }
            Thread.sleep(20);
        }
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    static HttpRequest post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", AUTH).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", AUTH).GET().build();
    }

    static Result measure(String name, HttpClient client, Supplier<HttpRequest> requests, int connections, int seconds,
            List<String> createdIds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long[][] latencies = new long[connections][];
        long[] counts = new long[connections];
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(connections);
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            int slot = c;
            Thread worker = new Thread(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> response = client.send(requests.get(), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() >= 300) {
                            errors.incrementAndGet();
                        } else if (createdIds != null && response.statusCode() == 201 && createdIds.size() < 200_000) {
                            String body = response.body();
                            int at = body.indexOf("\"id\":\"") + 6;
                            createdIds.add(body.substring(at, body.indexOf('"', at)));
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = (System.nanoTime() - t0) / 1000;
                }
                latencies[slot] = Arrays.copyOf(mine, n);
                counts[slot] = n;
                done.countDown();
            });
            worker.start();
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long total = Arrays.stream(counts).sum();
        long[] all = new long[(int) total];
        int at = 0;
        for (long[] l : latencies) {
            System.arraycopy(l, 0, all, at, l.length);
            at += l.length;
        }
        Arrays.sort(all);
        Result result = new Result(name, total, errors.get(), elapsed, percentile(all, 50), percentile(all, 95), percentile(all, 99));
        if (!name.equals("warm-up") && !name.equals("seed")) {
            System.out.printf(Locale.ROOT, "%-32s done: %d requests, %d errors%n", name, total, errors.get());
        }
        return result;
    }

    static long percentile(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
