package core.fleet;

import java.net.URI;
import java.time.Duration;

/** Builders for core values and node states in a chosen condition, for tests of core and its adapters. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Endpoint anEndpoint(String name) {
        return anEndpoint(name, 0);
    }

    public static Endpoint anEndpoint(String name, int priority) {
        return new Endpoint(name, URI.create("http://127.0.0.1:1/"), EndpointType.OLLAMA, priority, 0,
                Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    public static EndpointState up(Endpoint endpoint) {
        EndpointState state = new EndpointState(endpoint);
        state.status(EndpointStatus.UP);
        return state;
    }

    public static EndpointState up(String name) {
        return up(anEndpoint(name));
    }

    /** A routable node with {@code inFlight} requests already counted. */
    public static EndpointState busy(String name, int inFlight) {
        EndpointState state = up(name);
        for (int i = 0; i < inFlight; i++) {
            state.tryAcquire();
        }
        return state;
    }

    public static void setStatus(EndpointState state, EndpointStatus status) {
        state.status(status);
    }
}
