package adapters.sim;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.function.LongConsumer;

/**
 * One model of a simulated node on its way into memory or there: the requests in its line, how many run, when it was
 * last used, its keep-alive and expiry. Touched only on the node's event loop ({@link SimModels}).
 */
final class LoadedModel {

    final SimModel model;
    final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
    /** Loading or loaded, so in {@code /api/ps}; false while waiting for room. */
    boolean inMemory;
    boolean ready;
    int busy;
    long lastUsed;
    Duration keepAlive = SimModels.DEFAULT_KEEP_ALIVE;
    OffsetDateTime expiresAt;
    long unloadTimer = -1;
    /** What its slots hold of earlier prompts; created at first use. */
    PromptCache prompts;

    LoadedModel(SimModel model) {
        this.model = model;
    }

    /** In memory with nothing running or waiting: may be evicted. */
    boolean idle() {
        return inMemory && busy == 0 && waiting.isEmpty();
    }

    /** One request's place in a model's line. */
    static final class Ticket {

        final LongConsumer onSlot;
        final long queuedAt;
        boolean holding;

        Ticket(LongConsumer onSlot, long queuedAt) {
            this.onSlot = onSlot;
            this.queuedAt = queuedAt;
        }
    }
}
