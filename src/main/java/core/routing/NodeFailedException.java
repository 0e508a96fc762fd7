package core.routing;

/** A node failed to answer: refused or reset the connection, or broke the protocol. */
public final class NodeFailedException extends RuntimeException {

    private final String endpoint;

    public NodeFailedException(String endpoint, String detail, Throwable cause) {
        super("node '" + endpoint + "' failed: " + detail, cause);
        this.endpoint = endpoint;
    }

    public String endpoint() {
        return endpoint;
    }
}
