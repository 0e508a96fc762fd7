package core.access;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ids of single-use tokens already presented, kept until the token would have expired anyway (a replay after that is
 * refused as expired). Held in memory; {@link Enrollment} saves each claim and restores the saved ones at start.
 * Thread-safe.
 */
final class UsedTokens {

    private final Map<String, Instant> used = new ConcurrentHashMap<>();
    private final Clock clock;

    public UsedTokens(Clock clock) {
        this.clock = clock;
    }

    /** Records the use of a single-use token; false when it was used before. */
    public boolean claim(EnrollmentTokens.Claims claims) {
        Instant now = clock.instant();
        used.values().removeIf(expiry -> !now.isBefore(expiry));
        return used.putIfAbsent(claims.id(), claims.expires()) == null;
    }

    /** Whether this token was used before (and has not expired since). */
    public boolean spent(EnrollmentTokens.Claims claims) {
        Instant expiry = used.get(claims.id());
        return expiry != null && clock.instant().isBefore(expiry);
    }

    /** Adds tokens spent before this start. */
    public void restore(Map<String, Instant> spent) {
        spent.forEach(used::putIfAbsent);
    }
}
