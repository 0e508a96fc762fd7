package adapters.http;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import adapters.config.InvalidConfigException;
import adapters.config.SecurityConfig;
import core.access.KeyRing;
import core.access.OperationsAccess;
import core.access.RateLimit;

/**
 * The rules of {@code security:} in config.yaml, applied before the framework starts by {@code drover serve} and
 * {@code drover config check}, and the one building of keys, limits and trusted proxies the gateway's authorisation is
 * made of. Throws {@link InvalidConfigException} naming the key, never the secret.
 */
public final class SecurityChecks {

    private SecurityChecks() {
    }

    /** What {@code security:} builds: client and admin keys, the global and per-address rate limits. */
    public record Checked(KeyRing clients, KeyRing admins, Optional<RateLimit> global, Optional<RateLimit> perIp) {
    }

    /** {@code rawValues}: a key's value as written, before {@code ${VAR}} expansion (null if unset). */
    public static Checked check(SecurityConfig security, UnaryOperator<String> rawValues) {
        KeyRing clients = AccessKeys.of("security.api_keys", security.apiKeys().orElse(List.of()), rawValues);
        KeyRing admins = AccessKeys.of("security.admin_keys", security.adminKeys().orElse(List.of()), rawValues);
        Optional<RateLimit> global = AccessKeys.limit("security.rate_limits.global", security.rateLimits().global());
        Optional<RateLimit> perIp = AccessKeys.limit("security.rate_limits.per_ip", security.rateLimits().perIp());
        refuseLoopbackBehindLocalProxy(new ClientAddress(security.trustedProxies().orElse(List.of())), admins,
                security.operationsAccess());
        return new Checked(clients, admins, global, perIp);
    }

    /**
     * Behind a proxy on this machine every caller's socket peer is this machine, and no header can prove otherwise:
     * "this machine only" would mean "everyone". Such a gateway must use keys for admin and operations calls.
     */
    static void refuseLoopbackBehindLocalProxy(ClientAddress addresses, KeyRing admins,
            OperationsAccess operations) {
        if (!addresses.trustsLoopback()) {
            return;
        }
        if (admins.open()) {
            throw new InvalidConfigException("security.admin_keys", "[]", "required when security.trusted_proxies"
                    + " includes this machine (a loopback address): every caller through that proxy would count as"
                    + " this machine and could change the fleet");
        }
        if (operations == OperationsAccess.LOOPBACK) {
            throw new InvalidConfigException("security.operations_access", "loopback", "cannot tell this machine"
                    + " from callers of a proxy on it (security.trusted_proxies includes a loopback address); set"
                    + " keyed (an admin key) or open");
        }
    }
}
