package core.routing;

/**
 * Whether this process can take requests: it has started, the fleet state saved before the restart (drained nodes,
 * nodes added at run time) is applied or was waited for long enough, and it is not shutting down. The fleet's own
 * state (nodes up or down) and the database's are not part of it: a gateway whose nodes are all away still answers,
 * with a clear 503, and one whose nodes all join over the relay must be reachable for them to join. Thread-safe.
 */
public final class Readiness {

    private final Drain drain;
    private volatile boolean restored;

    public Readiness(Drain drain) {
        this.drain = drain;
    }

    /** The saved fleet state is applied (or the wait for it is over). */
    public void restored() {
        restored = true;
    }

    public boolean isRestored() {
        return restored;
    }

    public boolean ready() {
        return restored && !drain.draining();
    }

    public boolean draining() {
        return drain.draining();
    }
}
