package adapters.http;

/** The request body is larger than {@code server.max_body_size}. */
final class BodyTooLargeException extends RuntimeException {

    BodyTooLargeException(long limit) {
        super("request body is larger than " + limit + " bytes (server.max_body_size)");
    }
}
