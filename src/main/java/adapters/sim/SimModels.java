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

import core.fleet.ModelName;

/**
 * A simulated node's models: the installed catalogue, and which are loaded, with Ollama's scheduling: a cold model
 * loads once (its {@code /api/ps} entry appears when loading starts), each loaded model serves {@code parallel}
 * requests at once and queues the rest FIFO without limit, and an idle model unloads when its keep-alive runs out.
 * Runs on the node's event loop; only the maps are read from other threads.
 */
final class SimModels {

    static final Duration DEFAULT_KEEP_ALIVE = Duration.ofMinutes(5);

    private final Vertx vertx;
    private final int parallel;
    private final Duration loadDelay;
    private final Map<ModelName, SimModel> catalog = new ConcurrentHashMap<>();
    private final Map<ModelName, Loaded> loaded = new ConcurrentHashMap<>();

    SimModels(Vertx vertx, SimSettings settings) {
        this.vertx = vertx;
        this.parallel = settings.parallel();
        this.loadDelay = settings.loadDelay();
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
        loaded.remove(key);
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
        loaded.values().stream().sorted(Comparator.comparing((Loaded l) -> l.expiresAt).reversed()).forEach(l -> {
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
        Loaded l = loaded.computeIfAbsent(ModelName.of(model.display()), k -> startLoad(model));
        if (keepAlive != null) {
            l.keepAlive = keepAlive;
        }
        vertx.cancelTimer(l.unloadTimer);
        Ticket ticket = new Ticket(onSlot);
        l.waiting.add(ticket);
        // Granted from the queue on a later turn of the loop, so the caller holds the release action first.
        vertx.runOnContext(v -> dispatch(l));
        return () -> {
            if (ticket.holding) {
                ticket.holding = false;
                release(l);
            } else {
                l.waiting.remove(ticket);
            }
        };
    }

    private Loaded startLoad(SimModel model) {
        Loaded l = new Loaded(model);
        l.expiresAt = OffsetDateTime.now().plus(DEFAULT_KEEP_ALIVE);
        if (loadDelay.isZero()) {
            l.ready = true;
        } else {
            vertx.setTimer(loadDelay.toMillis(), id -> {
                l.ready = true;
                dispatch(l);
            });
        }
        return l;
    }

    private void release(Loaded l) {
        l.busy--;
        dispatch(l);
        if (l.busy == 0 && l.waiting.isEmpty()) {
            l.expiresAt = OffsetDateTime.now()
                    .plus(l.keepAlive.isNegative() ? Duration.ofDays(365L * 292) : l.keepAlive);
            if (!l.keepAlive.isNegative()) {
                l.unloadTimer = vertx.setTimer(Math.max(1, l.keepAlive.toMillis()), id -> {
                    if (l.busy == 0 && l.waiting.isEmpty()) {
                        loaded.remove(ModelName.of(l.model.display()), l);
                    }
                });
            }
        }
    }

    private void dispatch(Loaded l) {
        while (l.ready && l.busy < parallel && !l.waiting.isEmpty()) {
            l.busy++;
            Ticket ticket = l.waiting.poll();
            ticket.holding = true;
            ticket.onSlot.accept(System.nanoTime() - ticket.queuedAt);
        }
    }

    /** Marks a model to unload now (keep_alive 0 with no prompt); a no-op when it is not loaded. */
    void unload(SimModel model) {
        Loaded l = loaded.get(ModelName.of(model.display()));
        if (l != null && l.busy == 0 && l.waiting.isEmpty()) {
            loaded.remove(ModelName.of(model.display()), l);
        }
    }

    boolean isLoaded(String name) {
        return loaded.containsKey(ModelName.of(name));
    }

    List<String> loadedNames() {
        return new ArrayList<>(loaded.values().stream().map(l -> l.model.display()).toList());
    }

    /** One request's place in a model's line. */
    private static final class Ticket {

        final LongConsumer onSlot;
        final long queuedAt = System.nanoTime();
        boolean holding;

        Ticket(LongConsumer onSlot) {
            this.onSlot = onSlot;
        }
    }

    private static final class Loaded {

        final SimModel model;
        final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
        boolean ready;
        int busy;
        Duration keepAlive = DEFAULT_KEEP_ALIVE;
        OffsetDateTime expiresAt;
        long unloadTimer = -1;

        Loaded(SimModel model) {
            this.model = model;
        }
    }
}
