import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

/**
 * The event log's cost and lag (issue 15), driven over loopback with the JDK's HTTP client.
 *
 * java bench/EventLogBench.java creates BASE CONNECTIONS SECONDS
 *     closed-loop POST /customers and POST /tickets; prints req/s and p99 of each
 * java bench/EventLogBench.java switched BASE CONNECTIONS SECONDS SWITCH_FILE
 *     the same loads with the event log off (SWITCH_FILE exists: the node, started with
 *     -Dcalmdesk.bench.eventsInJvmWhile=SWITCH_FILE, hands events to its consumers in memory after
 *     commit instead of storing them) and on, in 5-second windows
 *     off, on, on, off, ... (SECONDS of each side per load, after a warm-up), each window after a
 *     second for the node to see the switch; prints each side and their ratio. Short windows in
 *     turn, because this machine's throughput drifts by 2x and more over minutes.
 * java bench/EventLogBench.java lag BASE RATE SECONDS [http | psql:DATABASE]
 *     events at RATE per second while a feed poller and a webhook receiver note how long after
 *     its occurredAt each event reached them; prints p50/p99/max, counting an event that never
 *     arrived within the run as later than any that did. http (the default): POST /customers,
 *     one calmdesk/customer/CREATED each, so the rate is bounded by what the node can create;
 *     psql:DATABASE (PostgreSQL only): rows appended to the log directly, as a module's
 *     transaction would, of a topic no module consumes: the relay's own lag, whatever the
 *     create path costs.
 */
public class EventLogBench {

    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern ITEM = Pattern.compile("\"sequence\":(\\d+),\"topic\":\"[^\"]+\",\"type\":\"[^\"]+\","
            + "\"resourceId\":\"[^\"]*\",\"occurredAt\":\"([^\"]+)\"");
    private static final Pattern OCCURRED = Pattern.compile("\"occurredAt\":\"([^\"]+)\"");
    private static final Pattern NEXT = Pattern.compile("\"nextCursor\":\"(\\d+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[1];
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        if (args[0].equals("creates")) {
            creates(client, base, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        } else if (args[0].equals("switched")) {
            switched(client, base, Integer.parseInt(args[2]), Integer.parseInt(args[3]), java.nio.file.Path.of(args[4]));
        } else {
            lag(client, base, Integer.parseInt(args[2]), Integer.parseInt(args[3]), args.length > 4 ? args[4] : "http");
        }
        System.exit(0); // the HTTP client's and the receiver's threads would keep the JVM alive

    }

    static HttpRequest post(String base, String path, String body) {
        return HttpRequest.newBuilder(URI.create(base + "/api/v1" + path)).header("Authorization", AUTH)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static String customerBody(long n) {
        return String.format(Locale.ROOT, "{\"name\":\"事件压测 %d\",\"email\":\"ev%d@example.cn\",\"tags\":[\"bench\"]}", n, n);
    }

    static void creates(HttpClient client, String base, int connections, int seconds) throws Exception {
        AtomicLong n = new AtomicLong();
        List<String> customerIds = seedCustomers(client, base, n);
        run(client, connections, 3, () -> post(base, "/customers", customerBody(n.incrementAndGet())), null);
        run(client, connections, seconds, () -> post(base, "/customers", customerBody(n.incrementAndGet())), "POST /customers");
        run(client, connections, seconds, ticket(base, n, customerIds), "POST /tickets");
    }

    static void switched(HttpClient client, String base, int connections, int seconds, java.nio.file.Path offSwitch) throws Exception {
        java.nio.file.Files.deleteIfExists(offSwitch);
        AtomicLong n = new AtomicLong();
        List<String> customerIds = seedCustomers(client, base, n);
        java.util.function.Supplier<HttpRequest> customer = () -> post(base, "/customers", customerBody(n.incrementAndGet()));
        java.util.function.Supplier<HttpRequest> ticket = ticket(base, n, customerIds);
        run(client, connections, 20, customer, null); // warm-up, log on
        run(client, connections, 20, ticket, null);
        int window = 5;
        int windows = Math.max(4, (2 * seconds / window + 3) / 4 * 4);
        List<String> ratios = new ArrayList<>();
        for (Object[] load : new Object[][] { { "POST /customers", customer }, { "POST /tickets", ticket } }) {
            @SuppressWarnings("unchecked")
            java.util.function.Supplier<HttpRequest> request = (java.util.function.Supplier<HttpRequest>) load[1];
            List<Long> off = new ArrayList<>();
            List<Long> on = new ArrayList<>();
            List<Integer> perWindow = new ArrayList<>();
            long offErrors = 0;
            long onErrors = 0;
            for (int i = 0; i < windows; i++) {
                boolean logOff = i % 4 == 0 || i % 4 == 3;
                if (logOff) {
                    java.nio.file.Files.writeString(offSwitch, "");
                } else {
                    java.nio.file.Files.deleteIfExists(offSwitch);
                }
                run(client, connections, 1, request, null); // the node sees the switch; the last window's requests drain
                Result result = run(client, connections, window, request, null);
                (logOff ? off : on).addAll(result.latencies());
                perWindow.add(result.latencies().size());
                if (logOff) {
                    offErrors += result.errors();
                } else {
                    onErrors += result.errors();
                }
            }
            java.nio.file.Files.deleteIfExists(offSwitch);
            int measured = windows / 2 * window;
            String name = (String) load[0];
            print(name + " log off", off, measured, offErrors);
            print(name + " log on", on, measured, onErrors);
            // Windows 0-1, 2-3, ... are pairs of one window off and one on, side by side: their spread
            // shows how much of a run's ratio is the machine's drift rather than the log.
            StringBuilder pairs = new StringBuilder();
            for (int i = 0; i + 1 < perWindow.size(); i += 2) {
                boolean firstOff = i % 4 == 0;
                long offCount = perWindow.get(firstOff ? i : i + 1);
                long onCount = perWindow.get(firstOff ? i + 1 : i);
                pairs.append(pairs.length() == 0 ? "" : ", ").append(onCount * 100 / Math.max(1, offCount)).append(" %");
            }
            ratios.add(String.format(Locale.ROOT, "%-18s with / without the event log: %d %% (pairs of windows: %s)", name,
                    on.size() * 100L / Math.max(1, off.size()), pairs));
        }
        ratios.forEach(System.out::println);
    }

    static List<String> seedCustomers(HttpClient client, String base, AtomicLong n) throws Exception {
        // Tickets go to 200 customers in turn, as a desk's do: each ticket re-profiles its customer
        // from their recent history, and one customer with every ticket of the run would measure
        // that history's growth rather than the log.
        List<String> customerIds = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> seed = client.send(post(base, "/customers", customerBody(n.incrementAndGet())), HttpResponse.BodyHandlers.ofString());
            Matcher id = ID.matcher(seed.body());
            if (!id.find()) {
                throw new IllegalStateException("seed customer: " + seed.statusCode() + " " + seed.body());
            }
            customerIds.add(id.group(1));
        }
        return customerIds;
    }

    static java.util.function.Supplier<HttpRequest> ticket(String base, AtomicLong n, List<String> customerIds) {
        return () -> {
            long i = n.incrementAndGet();
            return post(base, "/tickets", "{\"customerId\":\"" + customerIds.get((int) (i % customerIds.size()))
                    + "\",\"channel\":\"PHONE\",\"category\":\"BILLING\",\"subject\":\"话费多扣 " + i
                    + "\",\"description\":\"你们太过分了！！\"}");
        };
    }

    record Result(List<Long> latencies, long errors) {
    }

    static void print(String name, List<Long> latencies, int seconds, long errors) {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "%-26s %8.0f req/s  p50 %6.1f ms  p99 %6.1f ms  errors %d%n", name,
                sorted.size() / (double) seconds, sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6, errors);
    }

    /** Closed loop: each connection sends the next request as soon as the previous answer arrives. */
    static Result run(HttpClient client, int connections, int seconds, java.util.function.Supplier<HttpRequest> request, String name)
            throws Exception {
        List<Long> latencies = new CopyOnWriteArrayList<>();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        for (int c = 0; c < connections; c++) {
            pool.execute(() -> {
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    try {
                        int status = client.send(request.get(), HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status / 100 != 2) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latencies.add(System.nanoTime() - start);
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        if (name != null) {
            print(name, latencies, seconds, errors.get());
        }
        return new Result(latencies, errors.get());
    }

    static void lag(HttpClient client, String base, int rate, int seconds, String source) throws Exception {
        boolean direct = source.startsWith("psql:");
        String topic = direct ? "calmdesk/bench/TICK" : "calmdesk/customer/CREATED";
        List<Long> viaWebhook = new CopyOnWriteArrayList<>();
        List<Long> viaFeed = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher occurred = OCCURRED.matcher(body);
            if (occurred.find()) {
                viaWebhook.add(Duration.between(Instant.parse(occurred.group(1)), Instant.now()).toMillis());
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.setExecutor(Executors.newFixedThreadPool(32)); // more than a webhook's deliveries in flight (16): the node, not the receiver, is measured
        receiver.start();
        HttpResponse<String> hook = client.send(post(base, "/webhooks", "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                + "/hook\",\"topics\":[\"" + topic + "\"]}"), HttpResponse.BodyHandlers.ofString());
        if (hook.statusCode() != 201) {
            throw new IllegalStateException("webhook: " + hook.statusCode() + " " + hook.body());
        }
        // Start the feed after everything so far: the newest sequence is the feed's head.
        String cursor = latestSequence(client, base);
        AtomicLong sent = new AtomicLong();
        AtomicLong created = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ExecutorService senders = Executors.newFixedThreadPool(64);
        ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        long periodMicros = 1_000_000L * 10 / rate; // ten events per tick
        Process psql = null;
        if (direct) {
            psql = new ProcessBuilder("psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", source.substring("psql:".length()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            java.io.Writer sql = new java.io.OutputStreamWriter(psql.getOutputStream(), StandardCharsets.UTF_8);
            pace.scheduleAtFixedRate(() -> {
                try {
                    sql.write("INSERT INTO calmdesk_event (id, topic, type, resource_id, occurred_at, data, schema_version)"
                            + " SELECT gen_random_uuid()::text, '" + topic + "', 'bench.tick', 'r' || g, clock_timestamp(), '{}', 1"
                            + " FROM generate_series(1, 10) g;\n");
                    sql.flush();
                    sent.addAndGet(10);
                } catch (java.io.IOException e) {
                    failed.addAndGet(10);
                }
            }, 0, periodMicros, TimeUnit.MICROSECONDS);
        } else {
            pace.scheduleAtFixedRate(() -> {
                for (int i = 0; i < 10; i++) {
                    long n = sent.incrementAndGet();
                    senders.execute(() -> {
                        try {
                            if (client.send(post(base, "/customers", customerBody(1_000_000 + n)), HttpResponse.BodyHandlers.discarding())
                                    .statusCode() != 201) {
                                failed.incrementAndGet();
                            } else {
                                created.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    });
                }
            }, 0, periodMicros, TimeUnit.MICROSECONDS);
        }
        long started = System.nanoTime();
        long end = started + TimeUnit.SECONDS.toNanos(seconds);
        long drainUntil = end + TimeUnit.SECONDS.toNanos(10);
        long createdByEnd = -1;
        while (System.nanoTime() < drainUntil) {
            if (System.nanoTime() >= end && !pace.isShutdown()) {
                pace.shutdown();
                createdByEnd = created.get();
            }
            String page = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/events?limit=500&topic=" + topic + "&after="
                    + cursor)).header("Authorization", AUTH).build(), HttpResponse.BodyHandlers.ofString()).body();
            Instant now = Instant.now();
            Matcher item = ITEM.matcher(page);
            while (item.find()) {
                viaFeed.add(Duration.between(Instant.parse(item.group(2)), now).toMillis());
            }
            Matcher next = NEXT.matcher(page);
            if (next.find()) {
                cursor = next.group(1);
            }
            if (pace.isShutdown() && viaWebhook.size() >= sent.get() - failed.get() && viaFeed.size() >= sent.get() - failed.get()) {
                break;
            }
            // A poller ten times a second, as a CRM in a hurry would poll: the lag it sees includes up
            // to 100 ms of its own wait. Polling every 20 ms took a third of the node's CPU in page
            // rendering, away from the relay and the webhooks being measured.
            Thread.sleep(100);
        }
        if (psql != null) {
            psql.getOutputStream().close();
            psql.waitFor(10, TimeUnit.SECONDS);
        }
        senders.shutdownNow();
        Matcher hookId = ID.matcher(hook.body());
        String pgDatabase = System.getenv("BENCH_PG_DB");
        if (pgDatabase != null && !pgDatabase.isEmpty() && hookId.find()) {
            printWebhookSplit(pgDatabase, hookId.group(1));
            hookId.reset();
        }
        // The webhook goes with its receiver: left behind, its retries would load the next phase.
        if (hookId.find()) {
            client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/webhooks/" + hookId.group(1))).header("Authorization", AUTH)
                    .DELETE().build(), HttpResponse.BodyHandlers.discarding());
        }
        receiver.stop(0);
        System.out.printf(Locale.ROOT, "%d events asked for in %d s (%.0f/s), %d failed%s%n", sent.get(), seconds,
                sent.get() / (double) seconds, failed.get(), direct ? ", appended directly to the log"
                        : String.format(Locale.ROOT, "; %.0f creates/s answered while asked", Math.max(0, createdByEnd) / (double) seconds));
        print("feed (numbered, readable)", viaFeed, sent.get() - failed.get());
        print("webhook (received)", viaWebhook, sent.get() - failed.get());
    }

    /**
     * Where a webhook's lag went, from its delivery rows (PostgreSQL only: H2's file is the node's):
     * from the event's occurredAt until the fan-out made its delivery (numbering, the relay's round,
     * the fan-out's transaction), and from then until the attempt started (claim, lane, a free sender).
     */
    static void printWebhookSplit(String database, String webhookId) throws Exception {
        String ms = "extract(epoch FROM %s) * 1000";
        String fanOut = String.format(Locale.ROOT, ms, "d.created_at - e.occurred_at");
        String toSend = String.format(Locale.ROOT, ms, "d.last_attempt_at - d.created_at");
        String query = "SELECT count(*) || ' deliveries; fan-out made them p50 ' || round(percentile_disc(0.5) WITHIN GROUP (ORDER BY "
                + fanOut + ")) || ' p99 ' || round(percentile_disc(0.99) WITHIN GROUP (ORDER BY " + fanOut + ")) || ' max '"
                + " || round(max(" + fanOut + ")) || ' ms after occurredAt; first attempt started p50 '"
                + " || round(percentile_disc(0.5) WITHIN GROUP (ORDER BY " + toSend + ")) || ' p99 '"
                + " || round(percentile_disc(0.99) WITHIN GROUP (ORDER BY " + toSend + ")) || ' max ' || round(max(" + toSend + "))"
                + " || ' ms after that; ' || count(*) FILTER (WHERE d.attempts <> 1) || ' not sent exactly once'"
                + " FROM calmdesk_webhook_delivery d JOIN calmdesk_event e ON e.id = d.event_id WHERE d.webhook_id = '" + webhookId + "'";
        Process psql = new ProcessBuilder("psql", "-tA", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-c", query)
                .redirectErrorStream(true).start();
        String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        psql.waitFor(30, TimeUnit.SECONDS);
        System.out.println("lag webhook, where it went:  " + out);
    }

    static String latestSequence(HttpClient client, String base) throws Exception {
        String cursor = "0";
        while (true) {
            String page = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/events?limit=500&after=" + cursor))
                    .header("Authorization", AUTH).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher next = NEXT.matcher(page);
            String nextCursor = next.find() ? next.group(1) : cursor;
            if (nextCursor.equals(cursor)) {
                return cursor;
            }
            cursor = nextCursor;
        }
    }

    /** Percentiles over every event expected: one that never arrived counts as later than the last that did. */
    static void print(String name, List<Long> lags, long expected) {
        List<Long> sorted = new ArrayList<>(lags);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            System.out.printf(Locale.ROOT, "lag %-26s none received of %d%n", name, expected);
            return;
        }
        long total = Math.max(expected, sorted.size());
        System.out.printf(Locale.ROOT, "lag %-26s %d of %d  p50 %s  p99 %s  max %s%n", name, sorted.size(), expected,
                at(sorted, total / 2), at(sorted, (long) (total * 0.99)), sorted.size() < expected ? "never" : sorted.get(sorted.size() - 1) + " ms");
    }

    private static String at(List<Long> sorted, long index) {
        return index < sorted.size() ? sorted.get((int) index) + " ms" : "> " + sorted.get(sorted.size() - 1) + " ms (not all arrived)";
    }
}
