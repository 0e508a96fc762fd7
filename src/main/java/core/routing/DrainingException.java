package core.routing;

/** The gateway is shutting down and admits no new request; clients get 503 and should retry elsewhere. */
public final class DrainingException extends RuntimeException {

    public DrainingException() {
        super("Drover is shutting down and takes no new requests; retry on another instance");
    }
}
