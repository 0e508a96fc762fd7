package adapters.http;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import adapters.config.SecurityConfig;
import adapters.config.SecurityConfig.OperationsAccess;
import adapters.config.ServerConfig;
import core.ApiKey;
import core.ForbiddenModelException;
import core.KeyRing;
import core.ModelName;
import core.RateDecision;
import core.RateLimitedException;
import core.RateLimiter;
import core.UnauthorizedException;

/**
 * The gate every request passes first: header count, then by area — the inference API ({@code /api}, {@code /v1}:
 * client key when keys are configured, then rate limits), {@code /admin} (admin key, or loopback while none is
 * configured), operations ({@code /internal}, {@code /q/metrics}: per {@code security.operations_access}) and what is
 * always open ({@code /}, {@code /q/health}, the relay and heartbeats, which check their own tokens). Refusals speak
 * the client's protocol and never repeat a key. Event loop; never blocks.
 */
@ApplicationScoped
class AccessGuard {

    /** Routing-context key of the caller's {@link ApiKey}, when the API is keyed. */
    static final String CALLER = "drover.caller";
    private static final Logger LOG = Logger.getLogger("drover.security");
    private static final int ORDER = -50;

    private enum Area {
        OPEN, API, ADMIN, OPERATIONS
    }

    private final KeyRing clients;
    private final KeyRing admins;
    private final RateLimiter limiter;
    private final ClientAddress addresses;
    private final OperationsAccess operations;
    private final int maxHeaders;

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
        this.maxHeaders = server.maxHeaderCount();
        if (clients.open() && !ClientAddress.loopback(server.host()) && !"localhost".equals(server.host())) {
            LOG.warnf("NO API KEYS: security.api_keys is empty, so anyone who can reach %s:%d may use every node"
                    + " of this fleet", server.host(), server.port());
        }
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
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

    private void check(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String path = rc.normalizedPath();
        Dialect dialect = path.startsWith("/v1") ? Dialect.OPENAI : Dialect.OLLAMA;
        if (request.headers().size() > maxHeaders) {
            rc.response().putHeader("Connection", "close");
            Replies.error(dialect, rc.response(), 431, "too many request headers (" + request.headers().size()
                    + "; at most " + maxHeaders + ", see server.max_header_count)");
            return;
        }
        // A browser's CORS preflight carries no credentials by design; Quarkus' CORS filter answers it.
        boolean preflight = request.method() == HttpMethod.OPTIONS
                && request.headers().contains("Access-Control-Request-Method");
        switch (preflight ? Area.OPEN : area(path)) {
            case OPEN -> rc.next();
            case API -> api(rc, dialect);
            case ADMIN -> adminOnly(rc, "admin calls");
            case OPERATIONS -> {
                if (operations == OperationsAccess.OPEN
                        || operations == OperationsAccess.LOOPBACK && loopback(request)) {
                    rc.next();
                } else {
                    adminOnly(rc, "operations endpoints");
                }
            }
        }
    }

    private void api(RoutingContext rc, Dialect dialect) {
        HttpServerResponse response = rc.response();
        Optional<ApiKey> caller = Optional.empty();
        if (!clients.open()) {
            String presented = presented(rc.request());
            caller = clients.find(presented);
            if (caller.isEmpty()) {
                refuse(rc, dialect, presented == null
                        ? "missing API key: send Authorization: Bearer <key> or X-API-Key: <key>"
                        : "invalid API key");
                return;
            }
            rc.put(CALLER, caller.get());
        }
        try {
            RateDecision decision = limiter.admit(caller,
                    () -> addresses.of(peer(rc.request()), rc.request().headers().getAll("X-Forwarded-For")));
            if (decision.limited()) {
                headers(response, decision);
            }
        } catch (RateLimitedException e) {
            headers(response, e.decision());
            response.putHeader("Retry-After", Long.toString(e.decision().retryAfterSeconds()));
            LOG.debugf("rate limited: %s", e.getMessage());
            Replies.error(dialect, response, 429, e.getMessage());
            return;
        }
        rc.next();
    }

    private void adminOnly(RoutingContext rc, String what) {
        if (admins.open()) {
            if (loopback(rc.request())) {
                rc.next();
            } else {
                Replies.error(Dialect.OLLAMA, rc.response(), 403, what + " are accepted from the gateway's own machine"
                        + " only until admin keys are configured (security.admin_keys)");
            }
            return;
        }
        String presented = presented(rc.request());
        if (admins.find(presented).isPresent()) {
            rc.next();
        } else {
            refuse(rc, Dialect.OLLAMA, presented == null
                    ? what + " need an admin key: send Authorization: Bearer"
                            + " <key> or X-API-Key: <key>"
                    : "invalid admin key");
        }
    }

    private static void refuse(RoutingContext rc, Dialect dialect, String message) {
        LOG.debugf("refused %s %s from %s: %s", rc.request().method(), rc.normalizedPath(), peer(rc.request()),
                message);
        rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"drover\"");
        Replies.failure(dialect, rc.response(), new UnauthorizedException(message));
    }

    private static Area area(String path) {
        if (path.startsWith("/api/") || path.equals("/v1") || path.startsWith("/v1/")) {
            return Area.API;
        }
        if (path.equals("/admin") || path.startsWith("/admin/")) {
            return Area.ADMIN;
        }
        if (path.startsWith("/internal/") || path.equals("/q/metrics") || path.startsWith("/q/metrics/")) {
            return Area.OPERATIONS;
        }
        return Area.OPEN;
    }

    private static String presented(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        String key = request.getHeader("X-API-Key");
        return key == null ? null : key.strip();
    }

    private static void headers(HttpServerResponse response, RateDecision decision) {
        response.putHeader("X-RateLimit-Limit", Long.toString(decision.limit()))
                .putHeader("X-RateLimit-Remaining", Long.toString(decision.remaining()))
                .putHeader("X-RateLimit-Reset", Long.toString(decision.resetSeconds()));
    }

    private static boolean loopback(HttpServerRequest request) {
        return ClientAddress.loopback(peer(request));
    }

    private static String peer(HttpServerRequest request) {
        return request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
    }
}
