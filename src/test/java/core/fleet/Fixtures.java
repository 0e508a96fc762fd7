package core.fleet;

import java.net.URI;
import java.time.Duration;

import core.Ticker;

/** Builders for core values and node states in a chosen condition, for tests of core and its adapters. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Node anEndpoint(String name) {
        return anEndpoint(name, 0);
    }

    public static Node anEndpoint(String name, int priority) {
        return new Node(name, URI.create("http://127.0.0.1:1/"), NodeType.OLLAMA, priority, 0,
                Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    public static NodeState up(Node endpoint) {
        NodeState state = new NodeState(endpoint);
        state.status(NodeStatus.UP);
        return state;
    }

    public static NodeState up(String name) {
        return up(anEndpoint(name));
    }

    /** A routable node whose time is {@code ticker}'s. */
    public static NodeState up(String name, Ticker ticker) {
        NodeState state = new NodeState(anEndpoint(name), NodeOrigin.CONFIG, ticker);
        state.status(NodeStatus.UP);
        return state;
    }

    /** A routable node with {@code inFlight} requests already counted. */
    public static NodeState busy(String name, int inFlight) {
        NodeState state = up(name);
        for (int i = 0; i < inFlight; i++) {
            state.tryAcquire();
        }
        return state;
    }

    public static void setStatus(NodeState state, NodeStatus status) {
        state.status(status);
    }
}
