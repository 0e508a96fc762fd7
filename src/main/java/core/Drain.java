package core;

import java.time.Duration;

/**
 * The gateway's way out: once draining starts, no new request is admitted (they get 503 and go elsewhere), readiness
 * reports down, and the requests in flight or queued get up to the drain timeout to finish. Thread-safe.
 */
public final class Drain {

    private final Fleet fleet;
    private final AdmissionQueue queue;
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

    /** Requests still running through the gateway or waiting in its queue. */
    public int pending() {
        return fleet.all().stream().mapToInt(EndpointState::inFlight).sum() + queue.size();
    }

    /**
     * Starts draining and blocks the caller until nothing is pending or {@code timeout} has passed; true when
     * everything finished. Never call it on an event loop.
     */
    public boolean drain(Duration timeout) throws InterruptedException {
        start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
