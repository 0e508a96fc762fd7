package adapters.http;

import java.time.Duration;

/**
 * The body could not be taken in: the request bodies held in memory stayed at {@code server.body_memory} for
 * {@code server.body_timeout}. Clients get 503 with {@code Retry-After}.
 */
final class BodyMemoryFullException extends RuntimeException {

    BodyMemoryFullException(Duration waited) {
        super("the gateway holds as many request bodies as server.body_memory allows and none was freed within "
                + waited.toMillis() + " ms (server.body_timeout); retry shortly", null, false, false);
    }

    BodyMemoryFullException(String message) {
        super(message, null, false, false);
    }
}
