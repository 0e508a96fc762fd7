package core;

/** The client's request cannot be routed as sent (bad JSON, no model, no target node); the message says why. */
public final class MalformedRequestException extends RuntimeException {

    public MalformedRequestException(String message) {
        super(message);
    }
}
