package core.fleet;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import ports.in.ListLoadedModelsUseCase;
import ports.in.ListModelsUseCase;
import ports.out.ModelCatalog;

/**
 * Knows which node lists which model and which it has loaded. Refreshed on a timer, when a node recovers, and once
 * when a request names a model nobody lists; concurrent misses share one refresh. Reads are lock-free snapshots.
 */
public final class ModelRegistry implements ListModelsUseCase, ListLoadedModelsUseCase {

    private final ModelCatalog catalog;
    private final Fleet fleet;
    private final Clock clock;
    private final ConcurrentMap<String, Holdings> holdings = new ConcurrentHashMap<>();
    private final Object refreshLock = new Object();
    private CompletableFuture<Void> running;
    private CompletableFuture<Void> queued;

    public ModelRegistry(ModelCatalog catalog, Fleet fleet, Clock clock) {
        this.catalog = catalog;
        this.fleet = fleet;
        this.clock = clock;
    }

    /** Refreshes every node's lists every {@code interval}, starting now. */
    public void start(ScheduledExecutorService scheduler, Duration interval) {
        scheduler.scheduleWithFixedDelay(this::refreshAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every node that lists {@code model}, routable or not, in fleet order. */
    public List<NodeState> holders(ModelName model) {
        List<NodeState> result = new ArrayList<>(4);
        for (NodeState state : fleet.all()) {
            Holdings h = holdings.get(state.name());
            if (h != null && h.available.contains(model)) {
                result.add(state);
            }
        }
        return result;
    }

    /** Whether the node's lists have been read since it joined: an empty list then means it has no models. */
    public boolean listed(String endpoint) {
        return holdings.containsKey(endpoint);
    }

    public Set<ModelName> availableOn(String endpoint) {
        Holdings h = holdings.get(endpoint);
        return h == null ? Set.of() : h.available;
    }

    public Set<ModelName> loadedOn(String endpoint) {
        Holdings h = holdings.get(endpoint);
        return h == null ? Set.of() : names(h.loadedEntries);
    }

    /** Re-reads one node's lists; completes normally even when the node fails (its old lists are kept). */
    public CompletionStage<Void> refresh(NodeState state) {
        Node endpoint = state.endpoint();
        NodeType type = state.type();
        if (type == null) {
            // An auto-typed node nobody has reached yet: there is no way to ask it for models.
            return CompletableFuture.completedFuture(null);
        }
        long asked = state.residency().mark();
        return catalog.available(endpoint, type)
                .thenCombine(catalog.loaded(endpoint, type).exceptionally(t -> null),
                        (available, loaded) -> {
                            if (loaded != null) {
                                state.residency().observed(loaded, asked);
                            }
                            return new Holdings(names(available), available, loaded == null ? List.of() : loaded);
                        })
                .thenAccept(h -> {
                    if (fleet.get(state.name()).orElse(null) == state) {
                        holdings.put(state.name(), h);
                    }
                })
                .exceptionally(t -> null);
    }

    /** Re-reads what one node has loaded ({@code /api/ps}); completes normally even when the node fails. */
    public CompletionStage<Void> refreshLoaded(NodeState state) {
        if (state.type() == null) {
            return CompletableFuture.completedFuture(null);
        }
        long asked = state.residency().mark();
        return catalog.loaded(state.endpoint(), state.type()).thenAccept(loaded -> {
            state.residency().observed(loaded, asked);
            updateLoaded(state.name(), loaded);
        }).exceptionally(t -> null);
    }

    /** Refreshes every node that is not down; joins a refresh already under way. */
    public CompletionStage<Void> refreshAll() {
        synchronized (refreshLock) {
            return running != null ? running : begin();
        }
    }

    /**
     * The refresh a request for an unlisted model waits for: one that starts after the request arrived, so a model
     * pulled a moment ago is found. Misses that arrive during a refresh share the single next one, so a flood of
     * unknown names costs at most one refresh at a time.
     */
    public CompletionStage<Void> refreshOnMiss() {
        synchronized (refreshLock) {
            if (running == null) {
                return begin();
            }
            if (queued == null) {
                queued = new CompletableFuture<>();
            }
            return queued;
        }
    }

    /** Starts a fleet-wide refresh; the caller holds {@code refreshLock}. */
    private CompletableFuture<Void> begin() {
        CompletableFuture<Void> refresh = new CompletableFuture<>();
        running = refresh;
        CompletableFuture<?>[] each = fleet.all().stream()
                .filter(s -> s.status() != NodeStatus.DOWN)
                .map(s -> refresh(s).toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(each).whenComplete((v, t) -> ended(refresh));
        return refresh;
    }

    private void ended(CompletableFuture<Void> refresh) {
        synchronized (refreshLock) {
            running = null;
            CompletableFuture<Void> waiting = queued;
            queued = null;
            if (waiting != null) {
                begin().whenComplete((v, t) -> waiting.complete(null));
            }
        }
        refresh.complete(null);
    }

    public void forget(String endpoint) {
        holdings.remove(endpoint);
    }

    /** Every model of the fleet once per kind of listing (an Ollama and an OpenAI node may share a name). */
    @Override
    public List<ModelEntry> listModels() {
        Map<String, ModelEntry> union = new LinkedHashMap<>();
        for (NodeState state : fleet.all()) {
            Holdings h = holdings.get(state.name());
            if (h != null) {
                h.availableEntries.forEach(e -> union.putIfAbsent(e.kind() + " " + e.name().canonical(), e));
            }
        }
        return union.values().stream().sorted(Comparator.comparing(ModelEntry::modifiedAt).reversed()).toList();
    }

    @Override
    public CompletionStage<List<ModelEntry>> listLoadedModels() {
        List<NodeState> live = fleet.all().stream().filter(NodeState::routable).toList();
        CompletableFuture<?>[] each = live.stream()
                .map(s -> refreshLoaded(s).toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(each).thenApply(v -> live.stream()
                .map(s -> holdings.get(s.name()))
                .filter(h -> h != null)
                .flatMap(h -> h.loadedEntries.stream())
                .toList());
    }

    private void updateLoaded(String endpoint, List<ModelEntry> loaded) {
        holdings.computeIfPresent(endpoint, (k, h) -> new Holdings(h.available, h.availableEntries, loaded));
    }

    private static Set<ModelName> names(List<ModelEntry> entries) {
        return entries.stream().map(ModelEntry::name).collect(Collectors.toUnmodifiableSet());
    }

    private record Holdings(Set<ModelName> available, List<ModelEntry> availableEntries,
            List<ModelEntry> loadedEntries) {
    }
}
