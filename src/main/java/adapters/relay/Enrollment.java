package adapters.relay;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import adapters.config.DiscoveryConfig;
import adapters.relay.EnrollmentTokens.Claims;
import adapters.relay.EnrollmentTokens.InvalidTokenException;
import ports.out.FleetStore;

/**
 * Who may join the fleet: checks an {@code Authorization: Bearer} enrollment token for the relay and heartbeats.
 * Spent single-use tokens are saved, so a replay stays refused after a restart.
 */
@ApplicationScoped
public class Enrollment {

    private final boolean enabled;
    private final EnrollmentTokens tokens;
    private final UsedTokens used;
    private final FleetStore store;

    Enrollment(DiscoveryConfig config, FleetStore store) {
        this.enabled = config.relay().enabled();
        Clock clock = Clock.systemUTC();
        this.tokens = enabled ? new EnrollmentTokens(config.relay().secret().orElseThrow(), clock) : null;
        this.used = new UsedTokens(clock);
        this.store = store;
        store.saved().thenAccept(saved -> used.restore(saved.usedTokens()));
    }

    boolean enabled() {
        return enabled;
    }

    /** A new token (the admin API's mint call); the relay must be enabled. */
    String issue(java.time.Duration ttl, String node, boolean singleUse) {
        return tokens.issue(ttl, node, singleUse);
    }

    /** The claims of a valid token; {@code claimUse}: a single-use token is spent by this call. */
    Claims admit(String authorization, boolean claimUse) throws InvalidTokenException {
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7)
                : null;
        Claims claims = tokens.verify(token);
        if (claims.singleUse() && claimUse) {
            if (!used.claim(claims)) {
                throw new InvalidTokenException("enrollment token " + claims.id() + " was already used");
            }
            store.tokenUsed(claims.id(), claims.expires());
        }
        return claims;
    }
}
