package core;

/** No node of the fleet lists the requested model, even after a fresh look at every node. */
public final class UnknownModelException extends RuntimeException {

    private final String requested;

    public UnknownModelException(String requested) {
        super("model '" + requested + "' not found on any node of the fleet");
        this.requested = requested;
    }

    /** The name as the client wrote it. */
    public String requested() {
        return requested;
    }
}
