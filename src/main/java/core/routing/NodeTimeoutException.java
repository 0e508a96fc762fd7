package core.routing;

import java.time.Duration;

/** A node stayed silent for longer than a configured timeout ({@code phase} says which one). */
public final class NodeTimeoutException extends RuntimeException {

    private final String endpoint;

    public NodeTimeoutException(String endpoint, String phase, Duration limit) {
        super("node '" + endpoint + "' timed out: no " + phase + " within " + limit.toMillis() + "ms");
        this.endpoint = endpoint;
    }

    public String endpoint() {
        return endpoint;
    }
}
