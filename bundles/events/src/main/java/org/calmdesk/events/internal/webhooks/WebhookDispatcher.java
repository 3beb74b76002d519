package org.calmdesk.events.internal.webhooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.calmdesk.core.error.ValidationException;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.events.api.DeliveryStatus;
import org.calmdesk.events.internal.PipelineConnections;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sends webhook deliveries: claims due ones (shared with other nodes through the database), sends
 * each from a small pool with a timeout, at most {@code perWebhookConcurrency} at once per webhook so
 * one slow or dead receiver never holds up the others, and records the outcome. Failures are
 * retried with growing delays and jitter (5 s, 15 s, 45 s ... at most 4 h) until the delivery's
 * retry period ends; a 410 disables the webhook, and so does a long streak of failures.
 *
 * <p>Each claim and each record is a commit, and on embedded H2 commits are serialized: a claim per
 * send and a record per send cost three commits per event and held deliveries to a few dozen a
 * second under load. So claims take a webhook's next several deliveries at once into a local queue
 * (its lane), and a recorder thread writes the outcomes of many attempts in one transaction.
 */
@Component(service = WebhookDispatcher.class, immediate = true, configurationPid = WebhooksConfig.PID)
@Designate(ocd = WebhooksConfig.class)
public class WebhookDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final Duration MAX_RETRY_DELAY = Duration.ofHours(4);
    /** Deliveries a lane holds (queued and in flight), in multiples of its concurrency. */
    private static final int PREFETCH = 16;
    /** Outcomes written in one transaction at most. */
    private static final int RECORD_BATCH = 500;
    /** The claimer's, the recorder's, and one for the rest (senders reading a webhook again, the webhooks' admin). */
    private static final int PIPELINE_CONNECTIONS = 3;

    private static final long TARGET_CACHE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * How old a waiting delivery's copy of its event may get before it is read again, when the event
     * names a customer: an erasure redacts the log, and a delivery must not carry the text it removed.
     */
    static final Duration EVENT_MAX_AGE = Duration.ofSeconds(1);

    /** The claims', outcomes' and webhooks' own connections (see {@link PipelineConnections}). */
    private final PipelineConnections connections;
    final WebhookStore store;
    private final Map<String, CachedTarget> targets = new ConcurrentHashMap<>();
    /** When this node last changed each webhook (see {@link #forget}); guards {@code targets} against older reads. */
    private final Map<String, Long> forgottenAt = new HashMap<>();
    /** Claimed deliveries per webhook, waiting for a sender; guarded by {@code lanes}. */
    private final Map<String, Lane> lanes = new HashMap<>();
    /** Sends under way on this node; guarded by {@code lanes}. */
    private int sending;
    private final BlockingQueue<WebhookStore.Attempt> outcomes = new LinkedBlockingQueue<>();
    private final HttpClient http;
    private final ExecutorService senders;
    private final Thread claimer;
    private final Thread recorder;
    private volatile WebhooksConfig config;
    private volatile TargetPolicy policy;
    private volatile boolean running = true;
    /** False once the senders are stopped: the recorder writes what is left and ends. */
    private volatile boolean recording = true;
    /** Set when a lane runs low or new deliveries were fanned out on this node: the claimer looks again at once. */
    private boolean wakeUp;
    private final Object claimSignal = new Object();

    /** One webhook's claimed deliveries on this node. */
    private static final class Lane {
        final ArrayDeque<WebhookStore.Claimed> queued = new ArrayDeque<>();
        final Set<String> held = new HashSet<>();
        int inFlight;
    }

    @Activate
    public WebhookDispatcher(@Reference(target = "(osgi.jndi.service.name=calmdesk.events)") DataSource db, WebhooksConfig config) {
        this(db, config, java.util.function.UnaryOperator.identity());
    }

    /** With {@code watch} around the dispatcher's own connections (a test counts who borrows them). */
    WebhookDispatcher(DataSource db, WebhooksConfig config, java.util.function.UnaryOperator<DataSource> watch) {
        this.connections = new PipelineConnections(db, PIPELINE_CONNECTIONS);
        this.store = new WebhookStore(watch.apply(connections.dataSource()));
        modified(config);
        // Redirects are not followed: a 3xx could send the signed event to a target the policy refused.
        // HTTP/1.1: what webhook receivers speak; asking each new plain-HTTP connection to upgrade to
        // HTTP/2 first cost about twice the client's time per delivery against receivers that do not.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(config.timeoutSeconds()))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.senders = Executors.newFixedThreadPool(Math.max(1, config.deliveryThreads()), r -> {
            Thread thread = new Thread(r, "calmdesk-webhook-sender");
            thread.setDaemon(true);
            return thread;
        });
        this.recorder = new Thread(this::recordLoop, "calmdesk-webhook-recorder");
        recorder.setDaemon(true);
        recorder.start();
        this.claimer = new Thread(this::claimLoop, "calmdesk-webhook-claimer");
        claimer.setDaemon(true);
        claimer.start();
    }

    @Modified
    void modified(WebhooksConfig config) {
        this.config = config;
        this.policy = new TargetPolicy(config.allowedTargets());
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        running = false;
        claimer.interrupt();
        claimer.join(TimeUnit.SECONDS.toMillis(5));
        senders.shutdownNow();
        senders.awaitTermination(2, TimeUnit.SECONDS);
        // The recorder writes what the senders finished, then stops; the rest runs out its lease. It
        // is told, not interrupted: an interrupt in the middle of its write would reach the
        // database driver's file or socket.
        recording = false;
        recorder.join(TimeUnit.SECONDS.toMillis(5));
        connections.close();
    }

    /** Checks a URL against the target policy (a 400 naming {@code url} when refused). */
    URI checkTarget(String url) {
        return policy.check(url);
    }

    Instant retryUntil(Instant now) {
        return now.plus(Duration.ofHours(Math.max(1, config.retryForHours())));
    }

    private void claimLoop() {
        boolean databaseDown = false;
        while (running) {
            try {
                WebhooksConfig current = config;
                int perWebhook = Math.max(1, current.perWebhookConcurrency()) * PREFETCH;
                int room;
                Map<String, Integer> held = new HashMap<>();
                synchronized (lanes) {
                    int total = 0;
                    for (Map.Entry<String, Lane> lane : lanes.entrySet()) {
                        held.put(lane.getKey(), lane.getValue().held.size());
                        total += lane.getValue().held.size();
                    }
                    room = Math.max(1, current.deliveryThreads()) * PREFETCH - total;
                }
                if (room > 0) {
                    long claimStarted = System.nanoTime();
                    WebhookStore.Claim claim = store.claimDue(Instant.now(), room, held, perWebhook,
                            Math.max(1, current.perWebhookConcurrency()), Duration.ofSeconds(current.timeoutSeconds()));
                    List<WebhookStore.Claimed> due = claim.deliveries();
                    remember(claim.targets(), claimStarted);
                    if (!due.isEmpty()) {
                        synchronized (lanes) {
                            for (WebhookStore.Claimed delivery : due) {
                                Lane lane = lanes.computeIfAbsent(delivery.webhookId(), k -> new Lane());
                                if (lane.held.add(delivery.deliveryId())) {
                                    lane.queued.add(delivery);
                                }
                            }
                            pump();
                        }
                    }
                }
                refreshWaitingEvents();
                databaseDown = false;
            } catch (Exception e) {
                if (!databaseDown) {
                    LOG.warn("Webhook deliveries: cannot reach the database, retrying: {}", e.toString());
                    databaseDown = true;
                }
            }
            try {
                // Polling covers deliveries fanned out by other nodes and retries falling due; a lane
                // running low or a fan-out on this node ends the wait early, so one webhook's
                // throughput is bounded by its receiver, not by the polling interval.
                awaitWork(databaseDown ? 1000 : 200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Reads again, in one query, the events of queued deliveries whose copy may be stale: a slow
     * receiver's lane holds deliveries for up to a lease, and an erasure meanwhile must reach them.
     */
    private void refreshWaitingEvents() throws java.sql.SQLException {
        Instant now = Instant.now();
        Set<String> eventIds = new HashSet<>();
        synchronized (lanes) {
            for (Lane lane : lanes.values()) {
                for (WebhookStore.Claimed delivery : lane.queued) {
                    if (delivery.eventMayBeStale(now, EVENT_MAX_AGE)) {
                        eventIds.add(delivery.eventId());
                    }
                }
            }
        }
        if (eventIds.isEmpty()) {
            return;
        }
        Map<String, LoggedEvent> fresh = store.events(eventIds);
        synchronized (lanes) {
            for (Lane lane : lanes.values()) {
                List<WebhookStore.Claimed> queued = new ArrayList<>(lane.queued);
                queued.replaceAll(d -> eventIds.contains(d.eventId()) ? d.withEvent(fresh.get(d.eventId()), now) : d);
                lane.queued.clear();
                lane.queued.addAll(queued);
            }
        }
    }

    /**
     * Starts sends while threads are free, taking lanes in turn and at most the per-webhook
     * concurrency from each. A delivery whose lease would run out before its send could finish is
     * let go instead: once the lease is over it is claimed again, here or on another node.
     */
    private void pump() {
        WebhooksConfig current = config;
        int threads = Math.max(1, current.deliveryThreads());
        int perWebhook = Math.max(1, current.perWebhookConcurrency());
        Instant latestStart = Instant.now().plusSeconds(current.timeoutSeconds() + 5L);
        boolean started = true;
        while (started && sending < threads) {
            started = false;
            for (Iterator<Lane> it = lanes.values().iterator(); it.hasNext() && sending < threads;) {
                Lane lane = it.next();
                WebhookStore.Claimed delivery = null;
                while (lane.inFlight < perWebhook && (delivery = lane.queued.poll()) != null
                        && delivery.leaseUntil().isBefore(latestStart)) {
                    lane.held.remove(delivery.deliveryId());
                    delivery = null;
                }
                if (delivery != null) {
                    lane.inFlight++;
                    sending++;
                    started = true;
                    startSend(lane, delivery);
                } else if (lane.held.isEmpty()) {
                    it.remove();
                }
            }
        }
    }

    private void startSend(Lane lane, WebhookStore.Claimed delivery) {
        try {
            senders.execute(() -> {
                try {
                    send(delivery);
                } finally {
                    finished(lane, delivery);
                }
            });
        } catch (RejectedExecutionException e) {
            finished(lane, delivery); // shutting down: the lease runs out and it is claimed again
        }
    }

    private void finished(Lane lane, WebhookStore.Claimed delivery) {
        boolean low;
        synchronized (lanes) {
            lane.inFlight--;
            sending--;
            lane.held.remove(delivery.deliveryId());
            low = lane.queued.size() <= Math.max(1, config.perWebhookConcurrency());
            if (running) {
                pump();
            }
        }
        if (low) {
            wakeUp();
        }
    }

    /** Tells the claimer there may be something to claim now. */
    void wakeUp() {
        synchronized (claimSignal) {
            wakeUp = true;
            claimSignal.notifyAll();
        }
    }

    private void awaitWork(long maxMillis) throws InterruptedException {
        synchronized (claimSignal) {
            long deadline = System.currentTimeMillis() + maxMillis;
            long left = maxMillis;
            while (!wakeUp && left > 0) {
                claimSignal.wait(left);
                left = deadline - System.currentTimeMillis();
            }
            wakeUp = false;
        }
    }

    /** Writes attempts' outcomes, as many as have come in, in one transaction each time. */
    private void recordLoop() {
        List<WebhookStore.Attempt> batch = new ArrayList<>();
        while (recording || !outcomes.isEmpty()) {
            try {
                WebhookStore.Attempt first = outcomes.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            outcomes.drainTo(batch, RECORD_BATCH - batch.size());
            try {
                Map<String, Integer> streaks = store.recordAttempts(batch);
                int limit = Math.max(1, config.disableAfterFailures());
                for (Map.Entry<String, Integer> streak : streaks.entrySet()) {
                    if (streak.getValue() >= limit) {
                        disable(streak.getKey(), streak.getValue() + " failed deliveries in a row", Instant.now());
                    }
                }
            } catch (Exception e) {
                // Their leases run out and they are claimed again.
                LOG.warn("Webhook deliveries: {} outcomes could not be recorded: {}", batch.size(), e.toString());
            }
            batch.clear();
        }
    }

    private void record(WebhookStore.Claimed delivery, DeliveryStatus status, Integer statusCode, String error, Instant at, Instant next) {
        outcomes.add(new WebhookStore.Attempt(delivery, status, statusCode, error, at, next));
    }

    /** One attempt of one delivery; never throws (a failure is recorded and retried). */
    void send(WebhookStore.Claimed delivery) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try {
            Optional<WebhookStore.Target> target = target(delivery.webhookId());
            if (target.isEmpty()) {
                return; // removed meanwhile, with its deliveries
            }
            if (!target.get().active()) {
                record(delivery, DeliveryStatus.FAILED, null, "webhook disabled", now, null);
                return;
            }
            if (delivery.event() == null) {
                record(delivery, DeliveryStatus.FAILED, null, "event no longer in the log (retention)", now, null);
                return;
            }
            Outcome outcome = post(target.get(), delivery.event(), now);
            DeliveryStatus status;
            Instant next = null;
            if (outcome.delivered()) {
                status = DeliveryStatus.DELIVERED;
            } else if (outcome.statusCode() != null && outcome.statusCode() == 410) {
                status = DeliveryStatus.FAILED;
            } else if (!now.isBefore(delivery.retryUntil())) {
                status = DeliveryStatus.FAILED;
            } else {
                status = DeliveryStatus.PENDING;
                next = now.plus(retryDelay(delivery.attempts() + 1));
            }
            boolean gone = outcome.statusCode() != null && outcome.statusCode() == 410;
            if (gone) {
                // Off first: nobody sees this delivery FAILED while the webhook still looks active.
                disable(delivery.webhookId(), "the receiver answered 410 Gone", now);
            }
            record(delivery, status, outcome.statusCode(), outcome.error(), now, next);
        } catch (Exception e) {
            // The lease runs out and the delivery is claimed again.
            LOG.warn("Webhook delivery {} could not be sent: {}", delivery.deliveryId(), e.toString());
        }
    }

    /** A webhook's URL, secret and state, read at most once a second per webhook (a delivery per event would otherwise read it each time). */
    private Optional<WebhookStore.Target> target(String webhookId) throws java.sql.SQLException {
        CachedTarget cached = targets.get(webhookId);
        if (cached != null && System.nanoTime() - cached.readAt() < TARGET_CACHE_NANOS) {
            return cached.target();
        }
        Optional<WebhookStore.Target> fresh = store.target(webhookId);
        targets.put(webhookId, new CachedTarget(fresh, System.nanoTime()));
        return fresh;
    }

    /** Forgets what it knows of a webhook (after a change on this node; other nodes see it within a second). */
    void forget(String webhookId) {
        synchronized (forgottenAt) {
            forgottenAt.put(webhookId, System.nanoTime());
            targets.remove(webhookId);
        }
    }

    /**
     * Keeps the webhooks a claim read, as of when it started; not one this node changed since then
     * (the claim may have read it before the change committed).
     */
    private void remember(Map<String, Optional<WebhookStore.Target>> read, long claimStarted) {
        synchronized (forgottenAt) {
            read.forEach((webhookId, target) -> {
                Long forgotten = forgottenAt.get(webhookId);
                if (forgotten == null || forgotten - claimStarted < 0) {
                    targets.put(webhookId, new CachedTarget(target, claimStarted));
                }
            });
        }
    }

    private record CachedTarget(Optional<WebhookStore.Target> target, long readAt) {
    }

    private void disable(String webhookId, String reason, Instant now) throws java.sql.SQLException {
        forget(webhookId);
        boolean disabled = store.disable(webhookId, reason, now);
        forget(webhookId); // again: a claim may have read the webhook, still active, in between
        if (disabled) {
            LOG.warn("Webhook {} disabled: {}", webhookId, reason);
        }
    }

    record Outcome(boolean delivered, Integer statusCode, String error) {
    }

    private Outcome post(WebhookStore.Target target, LoggedEvent event, Instant now) {
        URI uri;
        try {
            uri = policy.check(target.url());
        } catch (ValidationException e) {
            return new Outcome(false, null, "target refused: " + e.getMessage());
        }
        String body = body(event);
        long timestamp = now.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(config.timeoutSeconds()))
                .header("Content-Type", "application/json")
                .header("User-Agent", "Calmdesk-Webhooks/1")
                .header("webhook-id", event.id())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", Signature.sign(target.secret(), event.id(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int code = response.statusCode();
            return new Outcome(code >= 200 && code < 300, code, code >= 200 && code < 300 ? null : "HTTP " + code);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, null, "interrupted");
        } catch (Exception e) {
            // Never the secret: the exception names the URL and the failure only.
            return new Outcome(false, null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** The event as CRMs receive it, in deliveries as in the feed. */
    static String body(LoggedEvent event) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", event.id());
        view.put("sequence", event.sequence());
        view.put("topic", event.topic());
        view.put("type", event.type());
        view.put("resourceId", event.resourceId());
        view.put("occurredAt", event.occurredAt().toString());
        view.put("data", event.data());
        view.put("schemaVersion", event.schemaVersion());
        try {
            return JSON.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 5 s, 15 s, 45 s, ... at most 4 h, each with up to 20 % jitter either way so retries of an outage spread out. */
    static Duration retryDelay(int attempt) {
        double base = FIRST_RETRY.toMillis() * Math.pow(3, Math.max(0, attempt - 1));
        double capped = Math.min(base, MAX_RETRY_DELAY.toMillis());
        return Duration.ofMillis((long) (capped * ThreadLocalRandom.current().nextDouble(0.8, 1.2)));
    }
}
