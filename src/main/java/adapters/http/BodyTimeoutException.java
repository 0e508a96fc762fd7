package adapters.http;

import java.time.Duration;

/** The client did not send its whole request body within {@code server.body_timeout}. */
final class BodyTimeoutException extends RuntimeException {

    BodyTimeoutException(Duration timeout) {
        super("the request body did not arrive within " + timeout.toMillis() + " ms (server.body_timeout)");
    }
}
