package adapters.http;

import java.util.List;
import java.util.function.UnaryOperator;

import adapters.config.InvalidConfigException;
import adapters.config.SecurityConfig;
import core.access.KeyRing;

/**
 * The rules of {@code security:} in config.yaml, applied before the framework starts by {@code drover serve} and
 * {@code drover config check}: the same building of keys, limits and trusted proxies that {@link AccessGuard} does
 * when the gateway starts. Throws {@link InvalidConfigException} naming the key, never the secret.
 */
public final class SecurityChecks {

    private SecurityChecks() {
    }

    /** {@code rawValues}: a key's value as written, before {@code ${VAR}} expansion (null if unset). */
    public static void check(SecurityConfig security, UnaryOperator<String> rawValues) {
        AccessKeys.of("security.api_keys", security.apiKeys().orElse(List.of()), rawValues);
        KeyRing admins = AccessKeys.of("security.admin_keys", security.adminKeys().orElse(List.of()), rawValues);
        AccessKeys.limit("security.rate_limits.global", security.rateLimits().global());
        AccessKeys.limit("security.rate_limits.per_ip", security.rateLimits().perIp());
        AccessGuard.refuseLoopbackBehindLocalProxy(new ClientAddress(security.trustedProxies().orElse(List.of())),
                admins, security.operationsAccess());
    }
}
