package core.routing;

import java.util.concurrent.atomic.AtomicBoolean;

import core.fleet.Node;
import core.fleet.NodeState;

/**
 * One request's claim on a node: counted in the node's in-flight total from creation until {@link #release()}, which
 * may be called any number of times from any thread (completion, error and client abort can race) and counts once.
 */
final class Lease {

    private final NodeState state;
    private final Runnable afterRelease;
    private final AtomicBoolean released = new AtomicBoolean();

    Lease(NodeState state, Runnable afterRelease) {
        this.state = state;
        this.afterRelease = afterRelease;
    }

    public NodeState state() {
        return state;
    }

    public Node endpoint() {
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
