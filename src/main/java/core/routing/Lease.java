package core.routing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import core.fleet.ModelName;
import core.fleet.Node;
import core.fleet.NodeState;

/**
 * One request's claim on a node: counted in the node's in-flight total, and for its {@code model} (null for a request
 * without one) in the node's residency, from creation until {@link #release()}, which may be called any number of
 * times from any thread (completion, error and client abort can race) and counts once. Says why the node was chosen
 * and whether the model was loaded there when it was ({@code coldStart} false).
 */
final class Lease {

    private final NodeState state;
    private final ModelName model;
    private final RouteReason reason;
    private final boolean coldStart;
    private final Affinity affinity;
    private final Runnable afterRelease;
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile Duration keepAlive;

    Lease(NodeState state, ModelName model, RouteReason reason, boolean coldStart, Affinity affinity,
            Runnable afterRelease) {
        this.affinity = affinity;
        this.state = state;
        this.model = model;
        this.reason = reason;
        this.coldStart = coldStart;
        this.afterRelease = afterRelease;
    }

    public NodeState state() {
        return state;
    }

    public Node endpoint() {
        return state.endpoint();
    }

    public RouteReason reason() {
        return reason;
    }

    /** The model was not loaded on the node when the request was sent there: the request pays its load. */
    public boolean coldStart() {
        return coldStart;
    }

    /** What the request's session did to the choice ({@link Affinity#NONE} without one). */
    public Affinity affinity() {
        return affinity;
    }

    /** The keep-alive the request asked of the node (null: not said), remembered for its model when it ends. */
    void keepAlive(Duration asked) {
        keepAlive = asked;
    }

    public void release() {
        if (released.compareAndSet(false, true)) {
            state.release();
            if (model != null) {
                state.residency().ended(model, keepAlive);
            }
            afterRelease.run();
        }
    }

    public boolean released() {
        return released.get();
    }
}
