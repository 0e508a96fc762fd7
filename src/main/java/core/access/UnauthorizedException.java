package core.access;

/** The request carries no key, or one Drover does not know. 401; the message never repeats the key. */
public final class UnauthorizedException extends RuntimeException {

    public UnauthorizedException(String message) {
        super(message);
    }
}
