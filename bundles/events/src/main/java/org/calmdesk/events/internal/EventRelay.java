package org.calmdesk.events.internal;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.calmdesk.core.events.BatchEventConsumer;
import org.calmdesk.core.events.EventConsumer;
import org.calmdesk.core.events.EventLog;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.events.internal.webhooks.WebhookFanOut;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the event log on this node: numbers new events ({@link Sequencer}), then hands them to
 * the durable {@link EventConsumer} services in sequence order ({@link DeliveryRound}), EventAdmin
 * included (one consumer, cursor {@value #EVENT_ADMIN}, starting at the head: its listeners hear
 * each event once in the cluster, at least once, from the node that holds that cursor). Several
 * nodes on one database share the work through the cursors' row locks. One thread numbers events
 * and starts rounds; each subscriber's round runs on a small pool, so a slow consumer delays only
 * itself. Consumers that run on every node (a node's own copy, such as the search index) have a
 * pool of their own: busy shared consumers would otherwise take every thread and hold back the
 * copy other nodes' writes must reach within seconds. A busy relay does not wait between rounds,
 * an idle one polls (and skips subscribers that are at the head without a query).
 */
@Component(service = EventRelay.class, immediate = true, configurationPid = EventsConfig.PID)
@Designate(ocd = EventsConfig.class)
public class EventRelay {

    static final String EVENT_ADMIN = "eventadmin";
    /** See {@link EventConsumer#SCOPE}. */
    public static final String SCOPE = EventConsumer.SCOPE;

    private static final Logger LOG = LoggerFactory.getLogger(EventRelay.class);
    private static final int DELIVERY_THREADS = 4;
    private static final int NODE_DELIVERY_THREADS = 2;
    /** Beyond this many new events the loop does not look at their topics: every subscriber gets a round. */
    private static final long MAX_TOPIC_SCAN = 10_000;
    /** A subscriber with nothing to do still has its cursor moved along this often (with the other quiet ones). */
    private static final long QUIET_ROUND_MILLIS = 1000;

    /** The loop's and the rounds' own connections (see {@link PipelineConnections}): one each at most. */
    private final PipelineConnections db;
    private final Map<EventConsumer, Subscriber> subscribers = new ConcurrentHashMap<>();
    /** The second passes of consumers that asked for one ({@link EventConsumer#REPLAY_AFTER}). */
    private final Map<EventConsumer, Subscriber> replays = new ConcurrentHashMap<>();
    /**
     * When each delayed pass runs next: at most once a second, since it stands behind the head
     * for as long as its delay and would otherwise be run (one query) on every poll.
     */
    private final Map<String, Long> delayedNextRound = new ConcurrentHashMap<>();
    private final EventAdminBridge eventAdminBridge;
    private final Subscriber eventAdmin;
    private volatile EventsConfig config;
    private volatile String nodeId;
    private volatile boolean running = true;
    private volatile boolean subscribersChanged = true;
    private volatile boolean backlog;
    private final Thread thread;
    /** Rounds run side by side on these threads, one subscriber each at a time: a slow consumer delays only itself. */
    private final ExecutorService deliverers = Executors.newFixedThreadPool(DELIVERY_THREADS, r -> {
        Thread t = new Thread(r, "calmdesk-event-delivery");
        t.setDaemon(true);
        return t;
    });
    /** Rounds of the consumers that run on every node, apart from the shared ones' pool. */
    private final ExecutorService nodeDeliverers = Executors.newFixedThreadPool(NODE_DELIVERY_THREADS, r -> {
        Thread t = new Thread(r, "calmdesk-event-delivery-node");
        t.setDaemon(true);
        return t;
    });
    /** The cursors of consumers that run on every node. */
    private final Set<String> nodeCursors = ConcurrentHashMap.newKeySet();
    private final Set<String> inRound = ConcurrentHashMap.newKeySet();
    /** Where each subscriber stood after its last round on this node (another node may have moved it since: then a round finds that out). */
    private final Map<String, Long> positions = new ConcurrentHashMap<>();
    /**
     * How far past its position each subscriber is known to have nothing to do: the events since
     * were all of topics it does not take. Such a subscriber gets no round (a transaction) for them,
     * only one a second to move its cursor along: with thirty-odd consumers of a few topics each, a
     * round for every one of them whenever the head moved cost more than the writes themselves.
     */
    private final Map<String, Long> nothingUpTo = new ConcurrentHashMap<>();
    private final Map<String, Long> lastRoundAt = new ConcurrentHashMap<>();
    /** Rounds run per cursor on this node, for tests that check a quiet subscriber is left alone. */
    private final Map<String, AtomicLong> rounds = new ConcurrentHashMap<>();
    private final AtomicLong quietMoves = new AtomicLong();
    /** The head the relay's loop saw last time; -1 before the first. */
    private long lastHead = -1;

    @Activate
    public EventRelay(@Reference(target = "(osgi.jndi.service.name=calmdesk.events)") DataSource db,
            @Reference EventAdmin events, EventsConfig config) {
        this.db = new PipelineConnections(db, 1 + DELIVERY_THREADS + NODE_DELIVERY_THREADS);
        this.eventAdminBridge = new EventAdminBridge(events);
        this.eventAdmin = new Subscriber(EVENT_ADMIN, List.of("calmdesk/*"), false, eventAdminBridge);
        modified(config);
        if (System.getProperty("calmdesk.bench.eventsInJvmWhile") != null) {
            EventLog.deliverInJvmForBenchmark(handed -> deliverers.execute(() -> deliverInJvm(handed)));
        }
        this.thread = new Thread(this::loop, "calmdesk-event-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Modified
    void modified(EventsConfig config) {
        this.config = config;
        this.nodeId = config.nodeId().isBlank() ? defaultNodeId() : config.nodeId().trim();
        subscribersChanged = true;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addConsumer(EventConsumer consumer, Map<String, Object> properties) {
        Object name = properties.get(EventConsumer.NAME);
        List<String> topics = strings(properties.get(EventConsumer.TOPICS));
        if (name == null || name.toString().isBlank() || topics.isEmpty()) {
            LOG.error("Event consumer {} ignored: it needs the service properties {} and {}", consumer.getClass().getName(),
                    EventConsumer.NAME, EventConsumer.TOPICS);
            return;
        }
        boolean nodeScoped = "node".equals(properties.get(SCOPE));
        boolean fromBeginning = !"now".equals(properties.get(EventConsumer.START));
        String cursor = nodeScoped ? name + "@" + nodeId : name.toString();
        if (nodeScoped) {
            nodeCursors.add(cursor);
        }
        subscribers.put(consumer, new Subscriber(cursor, topics, fromBeginning, consumer));
        long replayAfter = seconds(properties.get(EventConsumer.REPLAY_AFTER));
        if (replayAfter > 0) {
            String replay = name + ".replay";
            replays.put(consumer, new Subscriber(nodeScoped ? replay + "@" + nodeId : replay, topics, fromBeginning, consumer,
                    Duration.ofSeconds(replayAfter)));
        }
        subscribersChanged = true;
    }

    /** EventAdmin's handlers, by reference only: what the relay needs is their topics (see {@link EventAdminBridge}). */
    @Reference(service = EventHandler.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addEventHandler(ServiceReference<EventHandler> handler) {
        eventAdminBridge.handler((Long) handler.getProperty(Constants.SERVICE_ID), handler.getProperty(EventConstants.EVENT_TOPIC));
    }

    void updatedEventHandler(ServiceReference<EventHandler> handler) {
        addEventHandler(handler);
    }

    void removeEventHandler(ServiceReference<EventHandler> handler) {
        eventAdminBridge.handlerGone((Long) handler.getProperty(Constants.SERVICE_ID));
    }

    void removeConsumer(EventConsumer consumer, Map<String, Object> properties) {
        for (Map<EventConsumer, Subscriber> map : List.of(subscribers, replays)) {
            Subscriber removed = map.remove(consumer);
            if (removed != null) {
                positions.remove(removed.cursor());
                nothingUpTo.remove(removed.cursor());
                nodeCursors.remove(removed.cursor());
            }
        }
    }

    private static long seconds(Object value) {
        try {
            return value == null ? 0 : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            LOG.error("Event consumer property {} must be a number of seconds, not '{}': no second pass", EventConsumer.REPLAY_AFTER, value);
            return 0;
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        EventLog.deliverInJvmForBenchmark(null);
        running = false;
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        deliverers.shutdown();
        nodeDeliverers.shutdown();
        deliverers.awaitTermination(10, TimeUnit.SECONDS);
        nodeDeliverers.awaitTermination(10, TimeUnit.SECONDS);
        db.close();
    }

    /** What this node runs: EventAdmin and every registered consumer. */
    List<Subscriber> subscribers() {
        List<Subscriber> all = new ArrayList<>(subscribers.values());
        all.addAll(replays.values());
        all.add(eventAdmin);
        return all;
    }

    private void loop() {
        boolean databaseDown = false;
        while (running) {
            boolean busy;
            try (Connection connection = db.getConnection()) {
                EventsConfig current = config;
                List<Subscriber> now = subscribers();
                if (subscribersChanged) {
                    subscribersChanged = false;
                    DeliveryRound.ensureCursors(connection, now, Instant.now());
                }
                int numbered = Sequencer.run(connection, current.batchSize());
                long head = Sequencer.head(connection);
                long millis = System.currentTimeMillis();
                // What was numbered since the last look (unknown after a long gap, or when the head went
                // back, as after a database restored from a backup: then everyone gets a round).
                Set<String> newTopics = lastHead < 0 || head < lastHead || head - lastHead > MAX_TOPIC_SCAN ? null
                        : head == lastHead ? Set.of() : EventLog.topicsBetween(connection, lastHead, head);
                long previousHead = lastHead;
                lastHead = head;
                // Once one quiet cursor is due to move, all move: so they share one transaction a second.
                Map<String, Long> quiet = new java.util.HashMap<>();
                boolean quietDue = false;
                for (Subscriber subscriber : now) {
                    Long known = positions.get(subscriber.cursor());
                    if (!subscriber.delay().isZero() && delayedNextRound.getOrDefault(subscriber.cursor(), 0L) > millis) {
                        continue;
                    }
                    if (known != null && known < head && subscriber.delay().isZero()
                            && nothingNewFor(subscriber, known, newTopics, previousHead, head)) {
                        quiet.put(subscriber.cursor(), known);
                        quietDue |= millis - lastRoundAt.getOrDefault(subscriber.cursor(), 0L) >= QUIET_ROUND_MILLIS;
                        continue;
                    }
                    if ((known == null || known < head) && inRound.add(subscriber.cursor())) {
                        if (!subscriber.delay().isZero()) {
                            delayedNextRound.put(subscriber.cursor(), millis + 1000);
                        }
                        (nodeCursors.contains(subscriber.cursor()) ? nodeDeliverers : deliverers)
                                .execute(() -> round(subscriber, current.batchSize()));
                    }
                }
                if (quietDue) {
                    moveQuiet(connection, quiet, head);
                }
                busy = numbered >= current.batchSize() || backlog;
                backlog = false;
                if (databaseDown) {
                    LOG.info("Event relay: the database answers again");
                    databaseDown = false;
                }
            } catch (SQLException | RuntimeException e) {
                if (!databaseDown) {
                    LOG.warn("Event relay: cannot reach the event log, retrying every second: {}", e.toString());
                    databaseDown = true;
                }
                subscribersChanged = true;
                pause(1000);
                continue;
            }
            pause(busy ? 5 : config.pollIntervalMillis());
        }
    }

    /**
     * The benchmark baseline's delivery ({@link EventLog#inJvmForBenchmark()}): events that were
     * never stored, handed to every consumer that takes them right after their commit, as
     * EventAdmin's asynchronous post did before the log; no cursor, no retry.
     */
    private void deliverInJvm(List<LoggedEvent> events) {
        List<Subscriber> all = new ArrayList<>(subscribers.values());
        all.add(eventAdmin);
        for (Subscriber subscriber : all) {
            if (subscriber.consumer() instanceof WebhookFanOut) {
                continue; // a delivery refers to its event in the log, where these are not
            }
            List<LoggedEvent> wanted = events.stream().filter(e -> subscriber.wants(e.topic())).toList();
            try {
                if (wanted.isEmpty()) {
                    continue;
                }
                if (subscriber.consumer() instanceof BatchEventConsumer batch) {
                    batch.consumeAll(wanted);
                } else {
                    for (LoggedEvent event : wanted) {
                        subscriber.consumer().consume(event);
                    }
                }
            } catch (Exception e) {
                LOG.debug("Event consumer {} failed on an in-memory (benchmark) event: {}", subscriber.cursor(), e.toString());
            }
        }
    }

    /** Rounds this node ran for a cursor since it started. */
    long rounds(String cursor) {
        AtomicLong count = rounds.get(cursor);
        return count == null ? 0 : count.get();
    }

    /**
     * Whether a subscriber that stood at {@code known} has nothing to do up to {@code head}: it had
     * nothing up to the previous head, and the events since are all of topics it does not take.
     * Such a subscriber gets no round; once a quiet second its cursor moves to the head in one
     * transaction with the other quiet ones ({@link #moveQuiet}).
     */
    private boolean nothingNewFor(Subscriber subscriber, long known, Set<String> newTopics, long previousHead, long head) {
        if (newTopics == null || newTopics.stream().anyMatch(subscriber::wants)) {
            return false;
        }
        // Atomic against a round ending meanwhile, which puts where it stopped.
        long upTo = nothingUpTo.compute(subscriber.cursor(), (cursor, before) -> {
            long base = before == null ? known : before;
            return base >= previousHead ? head : base;
        });
        return upTo == head;
    }

    /**
     * Moves the cursors of subscribers with nothing to do up to {@code head} there, in one
     * transaction: a round (a transaction, a commit) for each of them once a second cost the
     * database more than the rounds with work to do. A cursor that another node moved or holds, or
     * that waits out a failure, is left to its own round.
     */
    private void moveQuiet(Connection connection, Map<String, Long> quiet, long head) {
        quiet.keySet().removeIf(cursor -> !inRound.add(cursor)); // one still in a round of its own moves itself
        if (quiet.isEmpty()) {
            return;
        }
        try {
            List<String> moved = DeliveryRound.moveQuiet(connection, quiet, head, Instant.now());
            long millis = System.currentTimeMillis();
            for (String cursor : quiet.keySet()) {
                if (moved.contains(cursor)) {
                    positions.put(cursor, head);
                    nothingUpTo.put(cursor, head);
                    lastRoundAt.put(cursor, millis);
                } else {
                    positions.remove(cursor); // its own round finds out where it stands
                    nothingUpTo.remove(cursor);
                }
            }
            quietMoves.incrementAndGet();
        } catch (SQLException | RuntimeException e) {
            quiet.keySet().forEach(cursor -> {
                positions.remove(cursor);
                nothingUpTo.remove(cursor);
            });
            LOG.debug("Event relay: moving quiet cursors failed: {}", e.toString());
        } finally {
            inRound.removeAll(quiet.keySet());
        }
    }

    /** Transactions that moved quiet cursors on this node since it started. */
    long quietMoves() {
        return quietMoves.get();
    }

    /** One subscriber's round on a delivery thread; remembers where it stands so an idle subscriber costs no query. */
    private void round(Subscriber subscriber, int batch) {
        try (Connection connection = db.getConnection()) {
            DeliveryRound.Outcome outcome = DeliveryRound.run(connection, subscriber, batch, Instant.now());
            lastRoundAt.put(subscriber.cursor(), System.currentTimeMillis());
            rounds.computeIfAbsent(subscriber.cursor(), k -> new AtomicLong()).incrementAndGet();
            if (outcome.position() >= 0) {
                positions.put(subscriber.cursor(), outcome.position());
                nothingUpTo.put(subscriber.cursor(), outcome.position());
            } else {
                positions.remove(subscriber.cursor());
                nothingUpTo.remove(subscriber.cursor());
            }
            if (outcome.handed() >= batch) {
                backlog = true;
            }
        } catch (SQLException | RuntimeException e) {
            positions.remove(subscriber.cursor());
            nothingUpTo.remove(subscriber.cursor());
            LOG.debug("Event relay: round of {} failed: {}", subscriber.cursor(), e.toString());
        } finally {
            inRound.remove(subscriber.cursor());
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(Math.max(10, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static List<String> strings(Object value) {
        if (value instanceof String[] array) {
            return Arrays.stream(array).filter(s -> !s.isBlank()).toList();
        }
        if (value instanceof String single && !single.isBlank()) {
            return List.of(single);
        }
        return List.of();
    }

    static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        String base = System.getProperty("karaf.base", "");
        return host + ":" + Integer.toHexString(base.hashCode());
    }
}
