package core.routing;

import java.time.Duration;

/** A node stayed silent for longer than a configured timeout ({@code phase} says which one). */
public final class NodeTimeoutException extends RuntimeException implements NodeFailure {

    private final String endpoint;
    private final int attempts;

    public NodeTimeoutException(String endpoint, String phase, Duration limit) {
        this(1, endpoint, "node '" + endpoint + "' timed out: no " + phase + " within " + limit.toMillis() + "ms");
    }

    private NodeTimeoutException(int attempts, String endpoint, String message) {
        super(message);
        this.endpoint = endpoint;
        this.attempts = attempts;
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public int attempts() {
        return attempts;
    }

    NodeTimeoutException afterAttempts(int tried) {
        NodeTimeoutException copy = new NodeTimeoutException(tried, endpoint, getMessage());
        copy.setStackTrace(getStackTrace());
        return copy;
    }
}
