package core.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import core.Ticker;

/**
 * What Drover knows of the models in one node's memory: which are loaded, from the node's {@code /api/ps} and from
 * the traffic Drover sends it, until when; how many requests per model Drover has in flight there; and what it has
 * learned from the answers: how long the node takes to load each model, how long a request holds a slot, tokens per
 * second. It also learns how many models the node holds at once from what it lists, and from a model pushed out
 * before its time.
 * Thread-safe; read on the hot path without locks.
 */
public final class Residency {

    /** Ollama's OLLAMA_KEEP_ALIVE default: an idle model stays this long unless its node says otherwise. */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofMinutes(5);
    /** A model that left {@code /api/ps} this long before its expiry was pushed out for room. */
    private static final Duration EARLY = Duration.ofSeconds(5);

    private final Ticker ticker;
    private final ConcurrentMap<ModelName, ModelOnNode> models = new ConcurrentHashMap<>();
    private volatile int room;

    Residency(Ticker ticker) {
        this.ticker = ticker;
    }

    /** Whether {@code model} is in the node's memory (or on its way there) as far as Drover knows. */
    public boolean loaded(ModelName model) {
        ModelOnNode m = models.get(model);
        return m != null && m.loadedAt(ticker.instant());
    }

    /** Requests for {@code model} Drover has in flight on the node. */
    public int inFlight(ModelName model) {
        ModelOnNode m = models.get(model);
        return m == null ? 0 : m.inFlight.get();
    }

    /** How many models the node has in memory as far as Drover knows. */
    public int loadedCount() {
        Instant now = ticker.instant();
        int count = 0;
        for (ModelOnNode m : models.values()) {
            if (m.loadedAt(now)) {
                count++;
            }
        }
        return count;
    }

    /**
     * Models the node holds at once: the most its {@code /api/ps} listed, or what it listed when it had pushed a model
     * out before its time (the node was full then); 0 while it has listed none.
     */
    public int room() {
        return room;
    }

    /** The node's learned load time for {@code model}, or null before Drover has seen it load. */
    public Duration loadTime(ModelName model) {
        ModelOnNode m = models.get(model);
        return m == null ? null : m.figures.load();
    }

    /** How long a request for {@code model} holds a slot on the node, learned; null before any answer. */
    public Duration slotTime(ModelName model) {
        ModelOnNode m = models.get(model);
        return m == null ? null : m.figures.slot();
    }

    /**
     * How many models the node is taken to hold at once: as learned, else one, until its {@code /api/ps} shows more
     * (a guess that costs a spread of models over idle nodes, never a surprise eviction).
     */
    public int assumedRoom() {
        int known = room;
        return known > 0 ? known : 1;
    }

    /**
     * The model a load of {@code incoming} would push out once the node is full, as Ollama's scheduler picks it: the
     * least recently used idle one, else the one with the fewest requests in flight (it is unloaded when they end);
     * null when nothing else is loaded.
     */
    public ModelName victim(ModelName incoming) {
        Instant now = ticker.instant();
        return models.entrySet().stream()
                .filter(e -> !e.getKey().equals(incoming) && e.getValue().loadedAt(now))
                .min(Comparator.comparingInt((Map.Entry<ModelName, ModelOnNode> e) -> e.getValue().inFlight.get())
                        .thenComparing(e -> e.getValue().used)
                        .thenComparingLong(e -> e.getValue().lastUsedNanos))
                .map(Map.Entry::getKey).orElse(null);
    }

    /** How long since Drover last sent or finished a request for {@code model} here; null when it never did. */
    public Duration idleFor(ModelName model) {
        ModelOnNode m = models.get(model);
        return m == null || !m.used ? null : Duration.ofNanos(Math.max(0, ticker.nanoTime() - m.lastUsedNanos));
    }

    /**
     * A request for {@code model} was sent to the node: counted in flight, and the model is taken as loaded from now
     * on (the node loads it for this request), pushing out the least recently used idle model when the node's room is
     * known to be full. Returns whether the model was loaded before: false means this request pays a cold load.
     */
    public boolean started(ModelName model) {
        ModelOnNode m = models.computeIfAbsent(model, k -> new ModelOnNode());
        Instant now = ticker.instant();
        boolean warm = m.loadedAt(now);
        m.inFlight.incrementAndGet();
        m.lastUsedNanos = ticker.nanoTime();
        m.used = true;
        if (!warm) {
            if (loadedCount() >= assumedRoom()) {
                ModelName victim = victim(model);
                if (victim != null) {
                    // Its requests in flight finish; new ones must not count on it (they would queue and reload).
                    ModelOnNode out = models.get(victim);
                    out.loaded = false;
                    out.pushedOutNanos = ticker.nanoTime();
                    out.pushedBy = model;
                    out.pushedOut = true;
                }
            }
            m.since = now;
            m.pushedOut = false;
            m.expiresAt = now.plus(DEFAULT_KEEP_ALIVE);
            m.keepAlive = null; // a fresh load starts from the node's default, as in Ollama
            m.loaded = true;
        }
        return warm;
    }

    /**
     * A request for {@code model} ended; it asked the node to keep the model {@code keepAlive} after it (null: not
     * said; negative: forever; zero: unload at once), which sticks to the model as in Ollama. When nothing else runs
     * on the model its keep-alive starts again: the one asked last, else the longer of Ollama's default and the
     * expiry the node last listed.
     */
    public void ended(ModelName model, Duration keepAlive) {
        ModelOnNode m = models.get(model);
        if (m == null) {
            return;
        }
        m.lastUsedNanos = ticker.nanoTime();
        m.ended(ticker.instant(), keepAlive);
    }

    /** Now, on the monotonic clock: the mark to pass to {@link #observed} when asking the node what it has loaded. */
    public long mark() {
        return ticker.nanoTime();
    }

    /**
     * The node's {@code /api/ps}, asked at {@code askedAt} ({@link #mark()}): what it lists is loaded with the
     * expiry it says; what it no longer lists is not, unless Drover sent it a request for it since the question (the
     * answer may predate it). A model gone well before its expiry was pushed out for room: the node then holds as
     * many models as it lists.
     */
    public void observed(List<ModelEntry> loaded, long askedAt) {
        Instant now = ticker.instant();
        Set<ModelName> listed = new HashSet<>();
        for (ModelEntry entry : loaded) {
            listed.add(entry.name());
        }
        for (ModelEntry entry : loaded) {
            ModelOnNode m = models.computeIfAbsent(entry.name(), k -> new ModelOnNode());
            if (m.pushedOut && (m.pushedOutNanos - askedAt > 0 || waitingForRoom(m.pushedBy, listed))) {
                // Asked before Drover sent the load that pushes it out, or that load still waits for it to go idle.
                continue;
            }
            m.pushedOut = false;
            m.listed(entry, now);
        }
        boolean pushedOut = false;
        for (var e : models.entrySet()) {
            ModelOnNode m = e.getValue();
            if (listed.contains(e.getKey()) || !m.loaded || m.inFlight.get() > 0
                    || (m.used && m.lastUsedNanos - askedAt > 0)) {
                continue;
            }
            Instant expiry = m.expiresAt;
            pushedOut |= expiry != null && expiry.isAfter(now.plus(EARLY));
            m.loaded = false;
        }
        if (pushedOut && !listed.isEmpty()) {
            room = listed.size();
        } else if (listed.size() > room) {
            room = listed.size();
        }
    }

    /** Whether {@code model} has requests here that the node does not list yet: its load waits for room. */
    private boolean waitingForRoom(ModelName model, Set<ModelName> listed) {
        ModelOnNode m = model == null ? null : models.get(model);
        return m != null && m.inFlight.get() > 0 && !listed.contains(model);
    }

    /**
     * What an answer for {@code model} showed: the node's {@code loadMillis} when it loaded the model for it
     * ({@code cold}), the time the request held a slot, its tokens per second (-1 where unknown).
     */
    public void learned(ModelName model, boolean cold, long loadMillis, long slotMillis, double tokensPerSecond) {
        ModelOnNode m = models.computeIfAbsent(model, k -> new ModelOnNode());
        m.figures.learn(cold ? loadMillis : -1, slotMillis, tokensPerSecond);
    }

    /** Every model the node has loaded, in flight or learned figures for, as the status page shows them. */
    public List<ModelResidency> view() {
        Instant now = ticker.instant();
        List<ModelResidency> result = new ArrayList<>();
        models.forEach((name, m) -> result.add(m.view(name, now)));
        result.sort(Comparator.comparing(ModelResidency::model));
        return result;
    }
}
