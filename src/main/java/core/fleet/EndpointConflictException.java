package core.fleet;

/** An admin change that the fleet's current state does not allow (a taken name, a node that is not removable). */
public final class EndpointConflictException extends RuntimeException {

    public EndpointConflictException(String message) {
        super(message);
    }
}
