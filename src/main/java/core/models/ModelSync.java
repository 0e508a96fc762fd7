package core.models;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import core.fleet.Fleet;
import core.fleet.ModelName;
import core.fleet.ModelRegistry;
import core.fleet.NodeState;
import core.fleet.NodeStatus;
import core.fleet.NodeType;
import ports.in.DescribeModelSyncUseCase;
import ports.out.ModelSyncObserver;
import ports.out.NodeModels;

/**
 * Keeps {@link ModelPlan}'s models on the nodes it names: every interval (and when a node comes up) it pulls what a
 * reachable Ollama node lacks, at most {@code pullsPerNode} at once per node, retrying a failed pull after a doubling
 * wait; and it loads each preload model that a node has but not in memory, when that node has no request in flight
 * (so it never evicts a model someone is using). It only pulls and loads: it never deletes a model.
 */
public final class ModelSync implements DescribeModelSyncUseCase {

    static final String REQUIRED = "required";
    static final String PRELOAD = "preload";

    private final Fleet fleet;
    private final ModelRegistry registry;
    private final NodeModels nodes;
    private final Clock clock;
    private final ModelSyncObserver observer;
    private final Supplier<ModelPlan> plans;
    private final Map<Key, SyncSlot> slots = new ConcurrentHashMap<>();

    /**
     * {@code plans}: the plan in force, read on every look (a reload replaces it); the clock is the fleet's.
     */
    public ModelSync(Fleet fleet, ModelRegistry registry, NodeModels nodes, ModelSyncObserver observer,
            Supplier<ModelPlan> plans) {
        this.fleet = fleet;
        this.registry = registry;
        this.nodes = nodes;
        this.clock = fleet.ticker();
        this.observer = observer;
        this.plans = plans;
    }

    /** Looks now and then every {@code interval} of the plan in force at each look. */
    public void start(ScheduledExecutorService scheduler) {
        scheduler.execute(() -> look(scheduler));
    }

    private void look(ScheduledExecutorService scheduler) {
        try {
            tick();
        } catch (RuntimeException e) {
            // A failed look changes nothing; the next one tries afresh.
        }
        try {
            scheduler.schedule(() -> look(scheduler), plans.get().interval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Shutting down.
        }
    }

    /** Looks once: starts what is due. Cheap; safe to call from any thread. */
    public synchronized void tick() {
        ModelPlan now = plans.get();
        Set<Key> wanted = new HashSet<>();
        for (NodeState state : fleet.all()) {
            if (state.type() == NodeType.OPENAI || state.endpoint().type() == NodeType.OPENAI) {
                continue;
            }
            boolean reachable = state.status() == NodeStatus.UP && registry.listed(state.name());
            for (ModelPlan.Want want : now.required()) {
                if (want.appliesTo(state.endpoint())) {
                    Key key = new Key(state.name(), want.model(), REQUIRED);
                    wanted.add(key);
                    if (reachable) {
                        required(state, key, now);
                    }
                }
            }
            for (ModelPlan.Want want : now.preload()) {
                if (want.appliesTo(state.endpoint())) {
                    Key key = new Key(state.name(), want.model(), PRELOAD);
                    wanted.add(key);
                    if (reachable) {
                        preload(state, key, want.keepAlive(), now);
                    }
                }
            }
        }
        slots.entrySet().removeIf(e -> !wanted.contains(e.getKey()) && !e.getValue().running);
    }

    private void required(NodeState state, Key key, ModelPlan now) {
        SyncSlot slot = slots.computeIfAbsent(key, k -> new SyncSlot());
        if (slot.running) {
            return;
        }
        if (registry.availableOn(state.name()).contains(key.model)) {
            slot.present();
            return;
        }
        if (clock.instant().isBefore(slot.nextTry)) {
            if (slot.attempts > 0) {
                slot.state = SyncState.RETRYING;
            }
            return;
        }
        long pulling = slots.entrySet().stream()
                .filter(e -> e.getKey().node.equals(key.node) && e.getKey().kind.equals(REQUIRED)
                        && e.getValue().running)
                .count();
        if (pulling >= now.pullsPerNode()) {
            slot.state = SyncState.WAITING;
            return;
        }
        slot.begin();
        observer.started(key.node, key.model.canonical(), REQUIRED);
        Instant began = clock.instant();
        CompletableFuture<Void> pull = FleetModelTasks.start(nodes, state, ModelTask.pull(key.model), line -> {
            if (line.layer()) {
                slot.completed = line.completed();
                slot.total = line.total();
            }
        });
        pull.handle((done, error) -> error)
                .thenCompose(error -> registry.refresh(state).handle((v, t) -> error))
                .thenAccept(error -> ended(state, key, slot, error, began, now));
    }

    private void preload(NodeState state, Key key, String keepAlive, ModelPlan now) {
        SyncSlot slot = slots.computeIfAbsent(key, k -> new SyncSlot());
        if (slot.running) {
            return;
        }
        if (registry.loadedOn(state.name()).contains(key.model)) {
            slot.present();
            return;
        }
        if (!registry.availableOn(state.name()).contains(key.model)) {
            slot.state = SyncState.MISSING;
            return;
        }
        if (clock.instant().isBefore(slot.nextTry)) {
            if (slot.attempts > 0) {
                slot.state = SyncState.RETRYING;
            }
            return;
        }
        if (state.inFlight() > 0) {
            // Loading now could evict a model a request is using; try again on a quiet tick.
            slot.state = SyncState.WAITING;
            return;
        }
        slot.begin();
        observer.started(key.node, key.model.canonical(), PRELOAD);
        Instant began = clock.instant();
        FleetModelTasks.start(nodes, state, ModelTask.preload(key.model, keepAlive), line -> {
        })
                .handle((done, error) -> error)
                .thenCompose(error -> registry.refreshLoaded(state).handle((v, t) -> error))
                .thenAccept(error -> ended(state, key, slot, error, began, now));
    }

    private synchronized void ended(NodeState state, Key key, SyncSlot slot, Throwable error, Instant began,
            ModelPlan now) {
        slot.running = false;
        if (error == null) {
            slot.pulledByDrover |= key.kind.equals(REQUIRED);
            slot.present();
            // Not again before the next look, even if the node's lists do not show it yet (or never spell it so).
            slot.nextTry = clock.instant().plus(now.interval());
            observer.done(key.node, key.model.canonical(), key.kind, Duration.between(began, clock.instant()));
        } else {
            slot.attempts++;
            slot.lastError = FleetModelTasks.outcome(error).reason();
            slot.nextTry = clock.instant().plus(backoff(now, slot.attempts));
            slot.state = SyncState.RETRYING;
            observer.failed(key.node, key.model.canonical(), key.kind, slot.lastError, slot.attempts, slot.nextTry);
        }
        if (fleet.get(state.name()).isPresent()) {
            tick();
        }
    }

    /** The wait after {@code attempts} failures in a row: the interval, doubling, at most {@code maxBackoff}. */
    static Duration backoff(ModelPlan plan, int attempts) {
        Duration wait = plan.interval();
        for (int i = 1; i < attempts && wait.compareTo(plan.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(plan.maxBackoff()) > 0 ? plan.maxBackoff() : wait;
    }

    @Override
    public List<SyncEntry> syncStatus() {
        List<SyncEntry> entries = new ArrayList<>();
        slots.forEach((key, slot) -> entries.add(new SyncEntry(key.node, key.model.canonical(), key.kind,
                slot.state, slot.completed, slot.total, slot.attempts, slot.lastError,
                slot.state == SyncState.RETRYING ? slot.nextTry : null, slot.pulledByDrover)));
        entries.sort(Comparator.comparing(SyncEntry::node).thenComparing(SyncEntry::kind).thenComparing(
                SyncEntry::model));
        return entries;
    }

    private record Key(String node, ModelName model, String kind) {
    }
}
