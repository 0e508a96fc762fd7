package core.fleet;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import core.journal.RequestRecord;
import core.routing.ProxyRequest;

/**
 * Learns from every answered request what its node's residency should know: the time the request held a slot, the
 * tokens per second, and, when the request paid a load, the load time. Re-reads a node's {@code /api/ps} shortly
 * after it began answering a request that made it load (making room may have pushed other models out) or when a
 * request Drover thought warm paid a load; reads close together are one. Thread-safe; never blocks the caller.
 */
public final class ResidencyTracker {

    /** Loads ending within this of each other share one re-read of the node's {@code /api/ps}. */
    static final Duration SETTLE = Duration.ofMillis(250);

    /** A {@code load_duration} this long means the node loaded (or waited for room) even where Drover thought warm. */
    static final Duration LOADED = Duration.ofMillis(500);

    private final Fleet fleet;
    private final ModelRegistry registry;
    private final ScheduledExecutorService scheduler;
    private final Set<String> rereading = ConcurrentHashMap.newKeySet();

    public ResidencyTracker(Fleet fleet, ModelRegistry registry, ScheduledExecutorService scheduler) {
        this.fleet = fleet;
        this.registry = registry;
        this.scheduler = scheduler;
    }

    /** One finished request, as the journal reports it. */
    public void finished(RequestRecord r) {
        if (r.endpoint() == null || r.model() == null || r.status() < 200 || r.status() >= 300
                || !ProxyRequest.loadsModel(r.route())) {
            return;
        }
        NodeState state = fleet.get(r.endpoint()).orElse(null);
        if (state == null) {
            return;
        }
        long load = Math.max(0, r.loadMillis());
        // Learned for the model the node ran: an alias has no residency of its own.
        state.residency().learned(ModelName.of(r.ranModel()), r.coldStart() && r.loadMillis() >= 0, load,
                r.durationMillis() - load, r.tokensPerSecond());
        if (!r.coldStart() && r.loadMillis() >= LOADED.toMillis()) {
            // Sent as warm but it loaded (or waited long): something Drover did not see changed the node.
            loadedSoon(state);
        }
    }

    /** Re-reads the node's {@code /api/ps} shortly; calls within {@link #SETTLE} of each other share one read. */
    public void loadedSoon(NodeState state) {
        if (!rereading.add(state.name())) {
            return;
        }
        try {
            scheduler.schedule(() -> {
                rereading.remove(state.name());
                registry.refreshLoaded(state);
            }, SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            rereading.remove(state.name());
        }
    }
}
