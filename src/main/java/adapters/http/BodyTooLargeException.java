package adapters.http;

/** The request body is larger than its route allows ({@code what} says which limit). */
final class BodyTooLargeException extends RuntimeException {

    BodyTooLargeException(long limit, String what) {
        super("request body is larger than " + limit + " bytes (" + what + ")");
    }
}
