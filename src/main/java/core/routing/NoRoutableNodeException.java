package core.routing;

import java.time.Duration;

/** Nodes hold what was asked for, but none can take the request now (down, not checked yet, or full). */
public final class NoRoutableNodeException extends RuntimeException {

    private final Duration retryAfter;

    public NoRoutableNodeException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** When the client may reasonably try again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
