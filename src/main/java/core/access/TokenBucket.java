package core.access;

/**
 * A token bucket for one caller (a key, an address, or everyone). Starts full; each request takes one token; tokens
 * come back at the limit's rate up to its burst. Thread-safe (a short lock per request); times are monotonic nanos.
 */
final class TokenBucket {

    private final RateLimit limit;
    private final long nanosPerToken;
    private final long capacityNanos;
    // The bucket is kept as the instant it will be full again: no floating point, no refill loop.
    private long fullAt;

    RateLimit limit() {
        return limit;
    }

    TokenBucket(RateLimit limit, long now) {
        this.limit = limit;
        this.nanosPerToken = limit.nanosPerToken();
        this.capacityNanos = nanosPerToken * limit.burst();
        this.fullAt = now;
    }

    synchronized RateDecision take(long now) {
        long start = Math.max(fullAt, now);
        long afterTake = start + nanosPerToken;
        if (afterTake - now > capacityNanos) {
            long wait = afterTake - now - capacityNanos;
            return new RateDecision(false, limit.burst(), 0, seconds(start - now), Math.max(1, seconds(wait)));
        }
        fullAt = afterTake;
        long remaining = (capacityNanos - (fullAt - now)) / nanosPerToken;
        return new RateDecision(true, limit.burst(), remaining, seconds(fullAt - now), 0);
    }

    synchronized boolean full(long now) {
        return fullAt <= now;
    }

    private static long seconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
