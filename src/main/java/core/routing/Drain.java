package core.routing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import core.fleet.Fleet;
import core.fleet.NodeState;

/**
 * The gateway's way out: once draining starts, no new request is admitted (they get 503 and go elsewhere), readiness
 * reports down, and the requests in flight or queued get up to the drain timeout to finish. Those still running then
 * are ended by the deadline hooks (the HTTP edge ends each in the client's protocol), never cut silently.
 * Thread-safe.
 */
public final class Drain {

    /** How long requests ended at the deadline get to send their last words. */
    static final Duration LAST_WORDS = Duration.ofSeconds(2);

    private final Fleet fleet;
    private final AdmissionQueue queue;
    private final List<Runnable> deadlineHooks = new CopyOnWriteArrayList<>();
    private final AtomicInteger tasks = new AtomicInteger();
    private volatile boolean draining;

    public Drain(Fleet fleet, AdmissionQueue queue) {
        this.fleet = fleet;
        this.queue = queue;
    }

    public boolean draining() {
        return draining;
    }

    public void start() {
        draining = true;
    }

    /** Requests still running through the gateway or waiting in its queue, and model tasks clients await. */
    public int pending() {
        return fleet.all().stream().mapToInt(NodeState::inFlight).sum() + queue.size() + tasks.get();
    }

    /**
     * A client's model task across nodes starts: the drain waits for it like for a request. Throws
     * {@link DrainingException} once draining has begun. Pair with {@link #taskEnded()}.
     */
    public void taskStarted() {
        if (draining) {
            throw new DrainingException();
        }
        tasks.incrementAndGet();
    }

    public void taskEnded() {
        tasks.decrementAndGet();
    }

    /** Runs {@code hook} when the drain timeout passes with requests still running; it must not block. */
    public void onDeadline(Runnable hook) {
        deadlineHooks.add(hook);
    }

    /**
     * Starts draining and blocks the caller until nothing is pending or {@code timeout} has passed; true when
     * everything finished. At the timeout the deadline hooks end what is left, which then gets a moment to be
     * written. Never call it on an event loop.
     */
    public boolean drain(Duration timeout) throws InterruptedException {
        start();
        if (awaitIdle(timeout)) {
            return true;
        }
        deadlineHooks.forEach(Runnable::run);
        awaitIdle(LAST_WORDS);
        return false;
    }

    private boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = fleet.ticker().nanoTime() + timeout.toNanos();
        while (pending() > 0) {
            if (fleet.ticker().nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
