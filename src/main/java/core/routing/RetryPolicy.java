package core.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * When a request that failed before its first byte may go to another node: at most {@code maxAttempts} nodes in all,
 * and no new attempt later than {@code budget} after the request arrived (one overall deadline, however the
 * attempts failed).
 */
public record RetryPolicy(int maxAttempts, Duration budget) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max_attempts must be at least 1: " + maxAttempts);
        }
        Objects.requireNonNull(budget, "budget");
    }

    /**
     * The policy of {@code proxy.max_attempts}: each attempt may wait {@code firstByteTimeout} for its first byte, so
     * the whole request may spend that many of them before giving up.
     */
    public static RetryPolicy of(int maxAttempts, Duration firstByteTimeout) {
        return new RetryPolicy(maxAttempts, firstByteTimeout.multipliedBy(Math.max(1, maxAttempts)));
    }

    /** Whether a node's answer with this status is worth trying elsewhere (the node, not the request, failed). */
    static boolean retryableStatus(int status) {
        return status >= 500;
    }

    /** Whether a failure before the first byte is worth trying elsewhere. */
    static boolean retryable(Throwable error) {
        return error instanceof NodeFailedException || error instanceof NodeTimeoutException;
    }
}
