package org.calmdesk.rest.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes this node out of a load balancer's rotation on purpose, before a module is installed or
 * updated on it: {@code /health/ready} answers 503 (the balancer stops sending new requests) while
 * every request that still arrives is served, so those in flight end normally. In memory only: a
 * restart of the node (or of the REST platform) ends the drain, and the node rejoins once ready.
 */
@Component(service = NodeDrain.class)
public class NodeDrain {

    private static final Logger LOG = LoggerFactory.getLogger(NodeDrain.class);

    private record Drain(Instant since, String by) {
    }

    private volatile Drain drain;

    /** Starts draining (again: the first start is kept). */
    public void start(String by, Instant now) {
        if (drain == null) {
            drain = new Drain(now.truncatedTo(ChronoUnit.SECONDS), by);
            LOG.warn("Node draining (by {}): /health/ready answers 503 until calmdesk:drain --off", by);
        }
    }

    /** Ends draining; false when the node was not draining. */
    public boolean stop(String by) {
        if (drain == null) {
            return false;
        }
        drain = null;
        LOG.warn("Node back in rotation (by {}): /health/ready follows the modules again", by);
        return true;
    }

    /** Why this node is out of rotation, or null when it is not draining. */
    public String reason() {
        Drain current = drain;
        return current == null ? null : "draining since " + current.since() + " (calmdesk:drain by " + current.by()
                + "): out of the load balancer's rotation, requests are still served";
    }
}
