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

    /** How long a node that said it is busy is passed over when no {@code Retry-After} says otherwise. */
    static final Duration BUSY_PENALTY = Duration.ofSeconds(5);
    /** The longest a node's own {@code Retry-After} may keep it passed over. */
    static final Duration BUSY_PENALTY_MAX = Duration.ofSeconds(30);

    /**
     * How long to pass over a node that answered {@code response}, while other nodes can take the request: a node
     * that says it is busy (503, Ollama's "server busy" when its queue is full, or 429) for its {@code Retry-After}
     * (1 to 30 s) or {@link #BUSY_PENALTY}; otherwise not at all (zero). Without this, a node that refuses fast frees
     * its slots fast and draws the most traffic under least-connections.
     */
    static Duration busyFor(ProxyResponse response) {
        if (response.status() != 503 && response.status() != 429) {
            return Duration.ZERO;
        }
        for (Header header : response.headers()) {
            if (header.name().equalsIgnoreCase("Retry-After")) {
                try {
                    long seconds = Long.parseLong(header.value().trim());
                    return Duration.ofSeconds(Math.max(1, Math.min(BUSY_PENALTY_MAX.toSeconds(), seconds)));
                } catch (NumberFormatException e) {
                    break; // an HTTP date, or nonsense: the default
                }
            }
        }
        return BUSY_PENALTY;
    }

    /** Whether a failure before the first byte is worth trying elsewhere. */
    static boolean retryable(Throwable error) {
        return error instanceof NodeFailedException || error instanceof NodeTimeoutException;
    }
}
