package adapters.http;

import java.time.Duration;

/** The client sent no part of its request body for {@code server.body_timeout}. */
final class BodyTimeoutException extends RuntimeException {

    BodyTimeoutException(Duration timeout) {
        super("the request body stalled: nothing arrived for " + timeout.toMillis() + " ms (server.body_timeout)");
    }
}
