package core.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One model's place on one node, as {@link Residency} keeps it: whether it is in memory, since and until when, its
 * GPU memory, Drover's requests in flight for it, when it was last used, the keep-alive its requests asked for, and
 * the figures learned from its answers. Fields are volatile or atomic; {@link Residency} decides how they change.
 */
final class ModelOnNode {

    final AtomicInteger inFlight = new AtomicInteger();
    final LearnedFigures figures = new LearnedFigures();
    volatile boolean loaded;
    volatile Instant since;
    volatile Instant expiresAt;
    volatile long sizeVram = -1;
    volatile long lastUsedNanos;
    volatile boolean used;
    /** The keep-alive the last request that said one asked for; null until one did. */
    volatile Duration keepAlive;
    /**
     * Taken as pushed out by a load of {@code pushedBy} that Drover sent, at {@code pushedOutNanos}: a listing asked
     * before then is stale, and one that does not show {@code pushedBy} yet shows a load still waiting for room.
     */
    volatile boolean pushedOut;
    volatile long pushedOutNanos;
    volatile ModelName pushedBy;

    /** In memory: listed or sent to, and either running or within its keep-alive. */
    boolean loadedAt(Instant now) {
        if (!loaded) {
            return false;
        }
        Instant expiry = expiresAt;
        return inFlight.get() > 0 || expiry == null || expiry.isAfter(now);
    }

    /**
     * A request on it ended, asking to keep it {@code asked} (null: not said), which sticks. When nothing else runs,
     * its keep-alive starts again: the one asked last (negative: forever; zero: unloaded now), else the longer of
     * Ollama's default and the expiry the node last listed.
     */
    void ended(Instant now, Duration asked) {
        if (asked != null) {
            keepAlive = asked;
        }
        if (inFlight.decrementAndGet() != 0 || !loaded) {
            return;
        }
        Duration sticky = keepAlive;
        if (sticky != null) {
            expiresAt = now.plus(sticky.isNegative() ? KeepAlive.FOREVER : sticky);
            loaded = !sticky.isZero();
            return;
        }
        Instant idleUntil = now.plus(Residency.DEFAULT_KEEP_ALIVE);
        Instant known = expiresAt;
        expiresAt = known != null && known.isAfter(idleUntil) ? known : idleUntil;
    }

    /** The node's {@code /api/ps} lists it; loaded afresh by someone else, its keep-alive is what that load set. */
    void listed(ModelEntry entry, Instant now) {
        if (!loaded) {
            since = now;
            keepAlive = null;
        }
        loaded = true;
        expiresAt = entry.expiresAt();
        sizeVram = entry.sizeVram();
    }

    /** As the status page shows it. */
    ModelResidency view(ModelName name, Instant now) {
        boolean in = loadedAt(now);
        Duration load = figures.load();
        Duration slot = figures.slot();
        return new ModelResidency(name.canonical(), in, in ? since : null, in ? expiresAt : null, sizeVram,
                inFlight.get(), load == null ? null : load.toMillis(), slot == null ? null : slot.toMillis(),
                figures.tokensPerSecond());
    }
}
