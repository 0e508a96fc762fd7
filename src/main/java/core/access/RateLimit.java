package core.access;

import java.time.Duration;

/**
 * A token-bucket limit: {@code requests} per {@code per} on average, and up to {@code burst} at once (the bucket's
 * size; defaults to {@code requests}).
 */
public record RateLimit(long requests, Duration per, long burst) {

    public RateLimit {
        if (requests < 1) {
            throw new IllegalArgumentException("requests must be at least 1: " + requests);
        }
        if (per == null || per.isZero() || per.isNegative()) {
            throw new IllegalArgumentException("per must be a positive duration: " + per);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1: " + burst);
        }
    }

    /** Nanoseconds it takes to earn one request back. */
    long nanosPerToken() {
        return Math.max(1, per.toNanos() / requests);
    }
}
