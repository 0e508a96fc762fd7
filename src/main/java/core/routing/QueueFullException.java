package core.routing;

import java.time.Duration;

/** No slot for the request: the admission queue is full or the wait in it ran out. Clients get 429. */
public final class QueueFullException extends RuntimeException {

    private final Duration retryAfter;

    public QueueFullException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
