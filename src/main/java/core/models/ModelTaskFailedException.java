package core.models;

/**
 * A node refused or failed a model task: it answered {@code status} before any progress, or wrote an error line
 * (status 200 then), or ended its answer without saying success. {@code reason} is the node's own words.
 */
public final class ModelTaskFailedException extends RuntimeException {

    private final String node;
    private final int status;
    private final String reason;

    public ModelTaskFailedException(String node, int status, String reason) {
        super(node + ": " + reason);
        this.node = node;
        this.status = status;
        this.reason = reason;
    }

    public String node() {
        return node;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }
}
