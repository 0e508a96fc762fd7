package core.routing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import core.Ticker;
import core.fleet.ModelName;
import core.fleet.NodeState;

/**
 * Which node each session's conversation went to, per model, so its next turn finds the prompt prefix the node still
 * holds in its KV cache. A pin expires {@code ttl} after its last use (sliding); at most {@code maxSessions} are kept,
 * the least recently used going first, so a flood of new session ids costs bounded memory (a session is kept as a
 * 64-bit hash, never as the client's text). The bound on load is here too ({@link #canStay}). Thread-safe; the lock
 * is held for a map operation only, so it is safe on an event loop.
 */
public final class SessionPins {

    /** Affinity off: no session is ever pinned. */
    public static final SessionPins OFF = new SessionPins(false, Duration.ofMinutes(1), 1, 1.25, Ticker.system());

    private final boolean enabled;
    private final long ttlNanos;
    private final double loadFactor;
    private final Ticker ticker;
    private final Map<Key, Pin> pins;

    public SessionPins(boolean enabled, Duration ttl, int maxSessions, double loadFactor, Ticker ticker) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be at least 1: " + maxSessions);
        }
        if (!(loadFactor >= 1)) {
            throw new IllegalArgumentException("loadFactor must be at least 1: " + loadFactor);
        }
        this.enabled = enabled;
        this.ttlNanos = ttl.toNanos();
        this.loadFactor = loadFactor;
        this.ticker = ticker;
        this.pins = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Pin> eldest) {
                return size() > maxSessions;
            }
        };
    }

    public boolean enabled() {
        return enabled;
    }

    /** The node {@code session} last used for {@code model}, or null when none or expired. */
    String pinned(long session, ModelName model) {
        Key key = new Key(session, model);
        synchronized (pins) {
            Pin pin = pins.get(key);
            if (pin == null) {
                return null;
            }
            if (ticker.nanoTime() - pin.usedAt > ttlNanos) {
                pins.remove(key);
                return null;
            }
            return pin.node;
        }
    }

    /** Records that {@code session}'s request for {@code model} went to {@code node}; restarts its ttl. */
    void pin(long session, ModelName model, String node) {
        synchronized (pins) {
            pins.put(new Key(session, model), new Pin(node, ticker.nanoTime()));
        }
    }

    /** Sessions pinned now (some may have expired unseen). */
    public int size() {
        synchronized (pins) {
            return pins.size();
        }
    }

    /**
     * Whether a session's request may stay on {@code node} among {@code candidates} (the routable holders): when the
     * node has a free slot (fewer in flight than its {@code num_parallel}: staying costs no wait), or when one more
     * request keeps it within {@code loadFactor} times its weighted share of everything in flight, counting this one
     * (consistent hashing with bounded loads). Otherwise the session moves and takes its cost once.
     */
    boolean canStay(NodeState node, List<NodeState> candidates) {
        int inFlight = node.inFlight();
        if (inFlight < node.endpoint().numParallel()) {
            return true;
        }
        long total = 1;
        long weights = 0;
        for (NodeState candidate : candidates) {
            total += candidate.inFlight();
            weights += candidate.endpoint().weight();
        }
        double share = (double) node.endpoint().weight() / Math.max(1, weights);
        return inFlight + 1 <= Math.ceil(loadFactor * total * share);
    }

    private record Key(long session, ModelName model) {
    }

    private record Pin(String node, long usedAt) {
    }
}
