package adapters.relay;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import adapters.config.DiscoveryConfig;
import adapters.relay.EnrollmentTokens.Claims;
import adapters.relay.EnrollmentTokens.InvalidTokenException;
import core.access.LogBudget;
import ports.out.FleetStore;

/**
 * Who may join the fleet: checks an {@code Authorization: Bearer} enrollment token for the relay and heartbeats.
 * Spent single-use tokens are saved, so a replay stays refused after a restart.
 */
@ApplicationScoped
public class Enrollment {

    private static final Logger LOG = Logger.getLogger("drover.relay");

    private final boolean enabled;
    private final EnrollmentTokens tokens;
    private final UsedTokens used;
    private final FleetStore store;
    private final LogBudget faults;

    Enrollment(DiscoveryConfig config, FleetStore store, LogBudget faults) {
        this.faults = faults;
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

    /**
     * Logs a refused token (never the token): a WARN line within the budget for what clients cause, since anyone can
     * knock with a bad one.
     */
    void refused(String door, Object remote, String reason) {
        fault(door + ": refused " + remote + ": " + reason);
    }

    /** Logs what a node or a stranger at the door did wrong, at WARN within the budget. */
    void fault(String line) {
        long held = faults.admit(System.nanoTime());
        if (held != LogBudget.HOLD) {
            LOG.warn(line + LogBudget.note(held));
        }
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
