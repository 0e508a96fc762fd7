package core.access;

import java.time.Clock;
import java.time.Duration;

import core.access.EnrollmentTokens.Claims;
import core.access.EnrollmentTokens.InvalidTokenException;
import ports.in.EnrollNodesUseCase;
import ports.out.FleetStore;

/**
 * Who may join the fleet: checks an {@code Authorization: Bearer} enrollment token for the relay and heartbeats.
 * Spent single-use tokens are saved, so a replay stays refused after a restart. Thread-safe.
 */
public final class Enrollment implements EnrollNodesUseCase {

    private final EnrollmentTokens tokens;
    private final UsedTokens used;
    private final FleetStore store;

    /** {@code secret} null: the relay is disabled, every token is refused and none can be minted. */
    public Enrollment(String secret, Clock clock, FleetStore store) {
        this.tokens = secret == null ? null : new EnrollmentTokens(secret, clock);
        this.used = new UsedTokens(clock);
        this.store = store;
        store.saved().thenAccept(saved -> used.restore(saved.usedTokens()));
    }

    @Override
    public boolean enabled() {
        return tokens != null;
    }

    @Override
    public String issue(Duration ttl, String node, boolean singleUse) {
        if (tokens == null) {
            throw new IllegalStateException("the relay is disabled on this gateway (discovery.relay.enabled)");
        }
        return tokens.issue(ttl, node, singleUse);
    }

    @Override
    public Claims admit(String authorization, boolean claimUse) throws InvalidTokenException {
        if (tokens == null) {
            throw new InvalidTokenException("the relay is disabled on this gateway (discovery.relay.enabled)");
        }
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7)
                : null;
        Claims claims = tokens.verify(token);
        if (claims.singleUse() && claimUse) {
            if (!used.claim(claims)) {
                throw spentToken(claims);
            }
            store.tokenUsed(claims.id(), claims.expires());
        }
        return claims;
    }

    @Override
    public void refuseSpent(Claims claims) throws InvalidTokenException {
        if (claims.singleUse() && used.spent(claims)) {
            throw spentToken(claims);
        }
    }

    private static InvalidTokenException spentToken(Claims claims) {
        return new InvalidTokenException("enrollment token " + claims.id() + " was already used");
    }
}
