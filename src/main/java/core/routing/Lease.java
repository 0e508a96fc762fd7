package core.routing;

import java.util.concurrent.atomic.AtomicBoolean;

import core.fleet.Endpoint;
import core.fleet.EndpointState;

/**
 * One request's claim on a node: counted in the node's in-flight total from creation until {@link #release()}, which
 * may be called any number of times from any thread (completion, error and client abort can race) and counts once.
 */
public final class Lease {

    private final EndpointState state;
    private final Runnable afterRelease;
    private final AtomicBoolean released = new AtomicBoolean();

    Lease(EndpointState state, Runnable afterRelease) {
        this.state = state;
        this.afterRelease = afterRelease;
    }

    public EndpointState state() {
        return state;
    }

    public Endpoint endpoint() {
        return state.endpoint();
    }

    public void release() {
        if (released.compareAndSet(false, true)) {
            state.release();
            afterRelease.run();
        }
    }

    public boolean released() {
        return released.get();
    }
}
