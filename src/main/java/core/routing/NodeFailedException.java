package core.routing;

/** A node failed to answer: refused or reset the connection, or broke the protocol. */
public final class NodeFailedException extends RuntimeException implements NodeFailure {

    private final String endpoint;
    private final int attempts;

    public NodeFailedException(String endpoint, String detail, Throwable cause) {
        this(1, endpoint, "node '" + endpoint + "' failed: " + detail, cause);
    }

    private NodeFailedException(int attempts, String endpoint, String message, Throwable cause) {
        super(message, cause);
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

    NodeFailedException afterAttempts(int tried) {
        NodeFailedException copy = new NodeFailedException(tried, endpoint, getMessage(), getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }
}
