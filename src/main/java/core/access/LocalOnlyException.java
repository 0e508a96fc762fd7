package core.access;

/** A call that only the gateway's own machine may make while no admin key is configured. */
public final class LocalOnlyException extends RuntimeException {

    public LocalOnlyException(String message) {
        super(message, null, false, false);
    }
}
