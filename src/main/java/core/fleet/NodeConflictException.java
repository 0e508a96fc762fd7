package core.fleet;

/** An admin change that the fleet's current state does not allow (a taken name, a node that is not removable). */
public final class NodeConflictException extends RuntimeException {

    public NodeConflictException(String message) {
        super(message);
    }
}
