package adapters.http;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import adapters.config.InvalidConfigException;
import adapters.config.SecurityConfig;
import adapters.config.SecurityConfig.OperationsAccess;
import adapters.config.ServerConfig;
import core.access.ApiKey;
import core.access.ForbiddenModelException;
import core.access.KeyRing;
import core.access.RateDecision;
import core.access.RateLimiter;
import core.access.UnauthorizedException;
import core.fleet.ModelName;

/**
 * Who may call each {@link Area}: the inference API needs a client key when keys are configured, then passes the rate
 * limits; {@code /admin} needs an admin key, or comes from this machine while none is configured; operations routes
 * follow {@code security.operations_access}. "This machine" is the socket's peer, so a trusted proxy on this machine
 * would make every caller look local: that combination is refused at startup. Refusals are exceptions that never
 * repeat a key. Event loop; never blocks.
 */
// A singleton, not a lazy proxy: the gate builds it with the router, so bad key settings stop startup.
@Singleton
class AccessGuard {

    /** Routing-context key of the caller's {@link ApiKey}, when the API is keyed. */
    static final String CALLER = "drover.caller";
    private static final Logger LOG = Logger.getLogger("drover.security");

    private final KeyRing clients;
    private final KeyRing admins;
    private final RateLimiter limiter;
    private final ClientAddress addresses;
    private final OperationsAccess operations;

    AccessGuard(SecurityConfig security, ServerConfig server, Clock clock) {
        var raw = ConfigProvider.getConfig();
        this.clients = AccessKeys.of("security.api_keys", security.apiKeys().orElse(List.of()),
                key -> raw.getConfigValue(key).getRawValue());
        this.admins = AccessKeys.of("security.admin_keys", security.adminKeys().orElse(List.of()),
                key -> raw.getConfigValue(key).getRawValue());
        this.limiter = new RateLimiter(clock,
                AccessKeys.limit("security.rate_limits.global", security.rateLimits().global()),
                AccessKeys.limit("security.rate_limits.per_ip", security.rateLimits().perIp()));
        this.addresses = new ClientAddress(security.trustedProxies().orElse(List.of()));
        this.operations = security.operationsAccess();
        refuseLoopbackBehindLocalProxy(addresses, admins, operations);
        if (clients.open() && !ClientAddress.loopback(server.host()) && !"localhost".equals(server.host())) {
            LOG.warnf("NO API KEYS: security.api_keys is empty, so anyone who can reach %s:%d may use every node"
                    + " of this fleet", server.host(), server.port());
        }
    }

    /** Throws unless the caller may enter {@code area}; on the API, takes its rate-limit tokens. */
    void admit(RoutingContext rc, Area area) {
        switch (area) {
            case OPEN, UNKNOWN -> {
            }
            case API -> api(rc);
            case ADMIN -> admin(rc.request(), "admin calls");
            case OPERATIONS -> {
                if (operations == OperationsAccess.KEYED
                        || operations == OperationsAccess.LOOPBACK && !loopback(rc.request())) {
                    admin(rc.request(), "operations endpoints");
                }
            }
        }
    }

    /** Throws {@link ForbiddenModelException} unless the caller's key may use the model. */
    void checkModel(RoutingContext rc, ModelName model) {
        ApiKey caller = rc.get(CALLER);
        if (caller != null) {
            clients.checkModel(caller, model);
        }
    }

    /** A key limited to some models may not pull, push, create, copy or delete models. */
    void checkManagement(RoutingContext rc) {
        ApiKey caller = rc.get(CALLER);
        if (caller != null && !caller.models().isEmpty()) {
            throw ForbiddenModelException.management(caller.name());
        }
    }

    private void api(RoutingContext rc) {
        Optional<ApiKey> caller = Optional.empty();
        if (!clients.open()) {
            String presented = presented(rc.request());
            caller = clients.find(presented);
            if (caller.isEmpty()) {
                throw new UnauthorizedException(presented == null
                        ? "missing API key: send Authorization: Bearer <key> or X-API-Key: <key>"
                        : "invalid API key");
            }
            rc.put(CALLER, caller.get());
        }
        RateDecision decision = limiter.admit(caller,
                () -> addresses.of(peer(rc.request()), rc.request().headers().getAll("X-Forwarded-For")));
        if (decision.limited()) {
            Replies.rateHeaders(rc.response(), decision);
        }
    }

    private void admin(HttpServerRequest request, String what) {
        if (admins.open()) {
            if (!loopback(request)) {
                throw new LocalOnlyException(what + " are accepted from the gateway's own machine only until admin"
                        + " keys are configured (security.admin_keys)");
            }
            return;
        }
        String presented = presented(request);
        if (admins.find(presented).isEmpty()) {
            throw new UnauthorizedException(presented == null
                    ? what + " need an admin key: send Authorization: Bearer <key> or X-API-Key: <key>"
                    : "invalid admin key");
        }
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

    private static String presented(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        String key = request.getHeader("X-API-Key");
        return key == null ? null : key.strip();
    }

    private static boolean loopback(HttpServerRequest request) {
        return ClientAddress.loopback(peer(request));
    }

    static String peer(HttpServerRequest request) {
        return request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
    }

    /** A call that only this machine may make while no admin key is configured. 403. */
    static final class LocalOnlyException extends RuntimeException {

        LocalOnlyException(String message) {
            super(message, null, false, false);
        }
    }
}
