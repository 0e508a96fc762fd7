package core.access;

/**
 * One bucket's answer to a request, in the terms of the {@code X-RateLimit-*} headers: its size, whole requests left
 * after this one, seconds until it is full again, and (when refused) seconds until one request is allowed.
 */
public record RateDecision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {

    /** No limit applies. */
    public static final RateDecision UNLIMITED = new RateDecision(true, Long.MAX_VALUE, Long.MAX_VALUE, 0, 0);

    public boolean limited() {
        return limit != Long.MAX_VALUE;
    }

    /** The decision a client should see: a refusal first, else the one with the fewest requests left. */
    RateDecision tighter(RateDecision other) {
        if (allowed != other.allowed) {
            return allowed ? other : this;
        }
        return other.remaining < remaining ? other : this;
    }
}
