package core.fleet;

import java.time.Duration;

/**
 * When a node changes state: {@code unhealthyThreshold} consecutive failed probes mark it down,
 * {@code healthyThreshold} consecutive good ones mark it up again; while down, probes back off exponentially from the
 * node's check interval up to {@code maxBackoff}. The very first probe decides at once.
 */
public record HealthPolicy(int unhealthyThreshold, int healthyThreshold, Duration maxBackoff) {

    public HealthPolicy {
        if (unhealthyThreshold < 1) {
            throw new IllegalArgumentException("unhealthy_threshold must be at least 1: " + unhealthyThreshold);
        }
        if (healthyThreshold < 1) {
            throw new IllegalArgumentException("healthy_threshold must be at least 1: " + healthyThreshold);
        }
        if (maxBackoff == null || maxBackoff.isNegative() || maxBackoff.isZero()) {
            throw new IllegalArgumentException("max_backoff must be positive: " + maxBackoff);
        }
    }

    /** Delay before the next probe of a node that is down after {@code failures} consecutive failures. */
    Duration backoff(Duration interval, int failures) {
        int doublings = Math.min(Math.max(failures - unhealthyThreshold, 0), 20);
        Duration delay = interval.multipliedBy(1L << doublings);
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}
