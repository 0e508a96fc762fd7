package ports.in;

import java.time.Duration;

import core.access.EnrollmentTokens.Claims;
import core.access.EnrollmentTokens.InvalidTokenException;

/** Who may join the fleet by dialing in or by heartbeat: enrollment tokens minted and checked. */
public interface EnrollNodesUseCase {

    /** Whether the relay and heartbeats are on ({@code discovery.relay.enabled}); nothing else works without. */
    boolean enabled();

    /** A new token, as {@code drover token create} mints it; the relay must be enabled. */
    String issue(Duration ttl, String node, boolean singleUse);

    /**
     * The claims of a valid {@code Authorization: Bearer} token; {@code claimUse}: a single-use token is spent by this
     * call, and stays spent across restarts.
     */
    Claims admit(String authorization, boolean claimUse) throws InvalidTokenException;

    /**
     * Refuses the claims of a single-use token already spent. Called before anything that would tell the caller about
     * the fleet (which names are taken), so a spent token learns nothing but that it is spent.
     */
    void refuseSpent(Claims claims) throws InvalidTokenException;
}
