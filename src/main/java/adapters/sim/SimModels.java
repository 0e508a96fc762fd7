package adapters.sim;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import core.fleet.KeepAlive;
import core.fleet.ModelName;

/**
 * A simulated node's models: the installed catalogue, and which are loaded, with Ollama's scheduling: a cold model
 * loads once (its {@code /api/ps} entry appears when loading starts), each loaded model serves {@code parallel}
 * requests at once and queues the rest FIFO without limit, and an idle model unloads when its keep-alive runs out.
 * With {@code maxLoaded} models in memory, a cold one evicts the least recently used idle model; when none is idle it
 * waits, its requests with it, until one is (a model in use is never evicted), and, as in Ollama's scheduler, which
 * takes requests in order, every request that arrives meanwhile waits behind it, even one for a loaded model. Runs on
 * the node's event loop; only the maps are read from other threads.
 */
final class SimModels {

    static final Duration DEFAULT_KEEP_ALIVE = Duration.ofMinutes(5);

    private final Vertx vertx;
    private final SimSettings settings;
    private final int maxLoaded;
    private final SimStats stats;
    /** Cold models waiting for room, first come first served. */
    private final ArrayDeque<LoadedModel> awaitingRoom = new ArrayDeque<>();
    /** Requests behind a cold model that waits for room, first come first served. */
    private final ArrayDeque<Deferred> blocked = new ArrayDeque<>();
    private final Map<ModelName, SimModel> catalog = new ConcurrentHashMap<>();
    private final Map<ModelName, LoadedModel> loaded = new ConcurrentHashMap<>();

    SimModels(Vertx vertx, SimSettings settings, SimStats stats) {
        this.vertx = vertx;
        this.stats = stats;
        this.settings = settings;
        this.maxLoaded = settings.maxLoaded();
        OffsetDateTime at = OffsetDateTime.of(2026, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC);
        for (String name : settings.models()) {
            add(name, at);
            at = at.minusHours(1);
        }
    }

    Optional<SimModel> find(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(catalog.get(ModelName.of(name)));
    }

    SimModel add(String name, OffsetDateTime modifiedAt) {
        SimModel model = SimModel.named(name, modifiedAt);
        catalog.put(ModelName.of(name), model);
        return model;
    }

    boolean remove(String name) {
        ModelName key = ModelName.of(name);
        LoadedModel l = loaded.remove(key);
        if (l != null) {
            awaitingRoom.remove(l);
            roomFreed();
        }
        return catalog.remove(key) != null;
    }

    JsonObject tags() {
        JsonArray models = new JsonArray();
        catalog.values().stream().sorted(Comparator.comparing(SimModel::modifiedAt).reversed())
                .forEach(m -> models.add(m.tag()));
        return new JsonObject().put("models", models);
    }

    JsonObject ps() {
        JsonArray models = new JsonArray();
        inMemory().sorted(Comparator.comparing((LoadedModel l) -> l.expiresAt).reversed()).forEach(l -> {
            SimModel m = l.model;
            models.add(new JsonObject().put("name", m.display()).put("model", m.display()).put("size", m.size())
                    .put("digest", m.digest()).put("details", m.details())
                    .put("expires_at", SimModel.TIME.format(l.expiresAt)).put("size_vram", m.size())
                    .put("context_length", 4096));
        });
        return new JsonObject().put("models", models);
    }

    /**
     * Gets a slot on the model, loading it first if cold; {@code onSlot} runs later on the event loop with the
     * nanoseconds spent waiting and loading. Returns an action that gives the place up, queued or running.
     */
    Runnable acquire(SimModel model, Duration keepAlive, LongConsumer onSlot) {
        if (!awaitingRoom.isEmpty()) {
            // Ollama's scheduler takes requests in order: one whose model waits for room holds up those behind it.
            Deferred later = new Deferred(model, keepAlive, onSlot, System.nanoTime());
            blocked.add(later);
            return later::giveUp;
        }
        return acquire(model, keepAlive, onSlot, System.nanoTime());
    }

    private Runnable acquire(SimModel model, Duration keepAlive, LongConsumer onSlot, long queuedAt) {
        ModelName key = ModelName.of(model.display());
        LoadedModel l = loaded.get(key);
        if (l == null) {
            l = new LoadedModel(model);
            l.expiresAt = OffsetDateTime.now().plus(DEFAULT_KEEP_ALIVE);
            loaded.put(key, l);
            admit(l);
        }
        l.lastUsed = System.nanoTime();
        if (keepAlive != null) {
            l.keepAlive = keepAlive;
        }
        vertx.cancelTimer(l.unloadTimer);
        LoadedModel.Ticket ticket = new LoadedModel.Ticket(onSlot, queuedAt);
        l.waiting.add(ticket);
        // Granted from the queue on a later turn of the loop, so the caller holds the release action first.
        LoadedModel line = l;
        vertx.runOnContext(v -> dispatch(line));
        return () -> {
            if (ticket.holding) {
                ticket.holding = false;
                release(line);
            } else {
                line.waiting.remove(ticket);
            }
        };
    }

    /** Loads {@code l} now if there is room, making room by evicting the least recently used idle model; else queues it. */
    private void admit(LoadedModel l) {
        if (maxLoaded > 0 && inMemory().count() >= maxLoaded) {
            LoadedModel idle = inMemory().filter(LoadedModel::idle)
                    .min(Comparator.comparingLong((LoadedModel m) -> m.lastUsed))
                    .orElse(null);
            if (idle == null) {
                awaitingRoom.add(l);
                return;
            }
            evict(idle);
        }
        startLoad(l);
    }

    private void startLoad(LoadedModel l) {
        l.inMemory = true;
        l.expiresAt = OffsetDateTime.now().plus(DEFAULT_KEEP_ALIVE);
        stats.loaded();
        Duration loadDelay = settings.loadDelay(ModelName.of(l.model.display()));
        if (loadDelay.isZero()) {
            l.ready = true;
            dispatch(l); // requests that waited for room
        } else {
            vertx.setTimer(loadDelay.toMillis(), id -> {
                l.ready = true;
                dispatch(l);
            });
        }
    }

    private void evict(LoadedModel idle) {
        vertx.cancelTimer(idle.unloadTimer);
        loaded.remove(ModelName.of(idle.model.display()), idle);
        stats.evicted();
    }

    /** A model left memory or went idle: the first cold model waiting for room may load now. */
    private void roomFreed() {
        LoadedModel next = awaitingRoom.peek();
        if (next != null && (inMemory().count() < maxLoaded || inMemory().anyMatch(LoadedModel::idle))) {
            awaitingRoom.poll();
            admit(next);
        }
        unblock();
    }

    private java.util.stream.Stream<LoadedModel> inMemory() {
        return loaded.values().stream().filter(l -> l.inMemory);
    }

    private void release(LoadedModel l) {
        l.busy--;
        l.lastUsed = System.nanoTime();
        dispatch(l);
        if (l.idle()) {
            l.expiresAt = OffsetDateTime.now()
                    .plus(l.keepAlive.isNegative() ? KeepAlive.FOREVER : l.keepAlive);
            if (!l.keepAlive.isNegative()) {
                l.unloadTimer = vertx.setTimer(Math.max(1, l.keepAlive.toMillis()), id -> {
                    if (l.idle()) {
                        loaded.remove(ModelName.of(l.model.display()), l);
                        roomFreed();
                    }
                });
            }
            roomFreed();
        }
    }

    private void dispatch(LoadedModel l) {
        int parallel = settings.parallel(ModelName.of(l.model.display()));
        while (l.ready && l.busy < parallel && !l.waiting.isEmpty()) {
            l.busy++;
            LoadedModel.Ticket ticket = l.waiting.poll();
            ticket.holding = true;
            ticket.onSlot.accept(System.nanoTime() - ticket.queuedAt);
        }
    }

    /** The prompt cache of {@code model}'s slots while it is in memory; null when it is not. */
    PromptCache prompts(SimModel model) {
        ModelName key = ModelName.of(model.display());
        LoadedModel l = loaded.get(key);
        if (l == null) {
            return null;
        }
        if (l.prompts == null) {
            l.prompts = new PromptCache(settings.parallel(key));
        }
        return l.prompts;
    }

    /** Marks a model to unload now (keep_alive 0 with no prompt); a no-op when it is not loaded. */
    void unload(SimModel model) {
        LoadedModel l = loaded.get(ModelName.of(model.display()));
        if (l != null && l.inMemory && l.idle()) {
            vertx.cancelTimer(l.unloadTimer);
            loaded.remove(ModelName.of(model.display()), l);
            roomFreed();
        }
    }

    boolean isLoaded(String name) {
        LoadedModel l = loaded.get(ModelName.of(name));
        return l != null && l.inMemory;
    }

    /** The catalogue's canonical names ({@code llama3.2:latest}), sorted. */
    List<String> names() {
        return catalog.keySet().stream().map(ModelName::canonical).sorted().toList();
    }

    List<String> loadedNames() {
        return new ArrayList<>(inMemory().map(l -> l.model.display()).toList());
    }

    /** Requests that arrived while a cold model waited for room take their turn once it has loaded, in order. */
    private void unblock() {
        while (awaitingRoom.isEmpty() && !blocked.isEmpty()) {
            Deferred next = blocked.poll();
            next.release = acquire(next.model, next.keepAlive, next.onSlot, next.queuedAt);
        }
    }

    /** A request held up behind a cold model waiting for room. */
    private final class Deferred {

        final SimModel model;
        final Duration keepAlive;
        final LongConsumer onSlot;
        final long queuedAt;
        Runnable release;

        Deferred(SimModel model, Duration keepAlive, LongConsumer onSlot, long queuedAt) {
            this.model = model;
            this.keepAlive = keepAlive;
            this.onSlot = onSlot;
            this.queuedAt = queuedAt;
        }

        void giveUp() {
            if (release != null) {
                release.run();
            } else {
                blocked.remove(this);
            }
        }
    }
}
