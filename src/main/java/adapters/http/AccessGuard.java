package adapters.http;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import adapters.config.SecurityConfig;
import adapters.config.ServerConfig;
import core.access.ApiKey;
import core.access.ForbiddenModelException;
import core.fleet.ModelName;
import core.routing.ModelRoutes;
import ports.in.AuthorizeUseCase;
import ports.in.AuthorizeUseCase.Admission;

/**
 * Asks the {@link AuthorizeUseCase} whether the caller may enter each {@link Area}, with what HTTP says about the
 * caller: the key it presents ({@code Authorization: Bearer} or {@code X-API-Key}), whether its socket peer is this
 * machine, and its address behind trusted proxies. Event loop; never blocks.
 */
@Singleton
class AccessGuard {

    /** Routing-context key of the caller's {@link ApiKey}, when the API is keyed. */
    static final String CALLER = "drover.caller";
    private static final Logger LOG = Logger.getLogger("drover.security");
    /** Names read on every request, made once (a String name is hashed character by character on each lookup). */
    private static final CharSequence API_KEY = HttpHeaders.createOptimized("X-API-Key");
    private static final CharSequence FETCH_SITE = HttpHeaders.createOptimized("Sec-Fetch-Site");

    private final AuthorizeUseCase access;
    private final ClientAddress addresses;

    private final ModelRoutes routes;

    AccessGuard(AuthorizeUseCase access, SecurityConfig security, ServerConfig server, ModelRoutes routes) {
        this.routes = routes;
        this.access = access;
        this.addresses = new ClientAddress(security.trustedProxies().orElse(List.of()));
        if (!access.apiKeyed() && !ClientAddress.loopback(server.host()) && !"localhost".equals(server.host())) {
            LOG.warnf("NO API KEYS: security.api_keys is empty, so anyone who can reach %s:%d may use every node"
                    + " of this fleet", server.host(), server.port());
        }
    }

    /** Throws unless the caller may enter {@code area}; on the API, takes its rate-limit tokens. */
    void admit(RoutingContext rc, Area area) {
        HttpServerRequest request = rc.request();
        switch (area) {
            case OPEN, UNKNOWN -> {
            }
            case API -> {
                Admission admission = access.api(presented(request),
                        () -> addresses.of(peer(request), request.headers().getAll("X-Forwarded-For")));
                admission.caller().ifPresent(key -> rc.put(CALLER, key));
                if (admission.rate().limited()) {
                    Replies.rateHeaders(rc.response(), admission.rate());
                }
            }
            case ADMIN -> access.admin(presented(request), loopback(request), "admin calls");
            case OPERATIONS -> access.operations(presented(request), loopback(request));
        }
    }

    /** Whether the caller may enter {@code area} (admin or operations); tells the dashboard which actions to offer. */
    boolean admits(RoutingContext rc, Area area) {
        try {
            admit(rc, area);
            return true;
        } catch (RuntimeException refused) {
            return false;
        }
    }

    /**
     * Throws {@code ForbiddenModelException} unless the caller's key may use the model: by the name asked, or by the
     * model an alias stands for (an alias never opens a model the key may not use).
     */
    void checkModel(RoutingContext rc, ModelName model) {
        Optional<ApiKey> caller = Optional.ofNullable(rc.get(CALLER));
        try {
            access.checkModel(caller, model);
        } catch (ForbiddenModelException e) {
            ModelName standsFor = routes.standsFor(model);
            if (standsFor.equals(model)) {
                throw e;
            }
            access.checkModel(caller, standsFor);
        }
    }

    /** The name of the caller's API key; empty when the API is open. */
    static String keyName(RoutingContext rc) {
        ApiKey key = rc.get(CALLER);
        return key == null ? "" : key.name();
    }

    /** A key limited to some models may not pull, push, create, copy or delete models. */
    void checkManagement(RoutingContext rc) {
        access.checkManagement(Optional.ofNullable(rc.get(CALLER)));
    }

    private static String presented(HttpServerRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        String key = request.getHeader(API_KEY);
        return key == null ? null : key.strip();
    }

    /**
     * Whether the caller is this machine: its socket peer is a loopback address and it is not a web page of another
     * site. A page anywhere can make a browser on this machine send requests here, by a form or by DNS rebinding (its
     * own name made to point at 127.0.0.1); such a request names another host in {@code Host}, or another site in
     * {@code Origin} or {@code Sec-Fetch-Site}, and is treated as coming from elsewhere: it needs a key.
     */
    static boolean loopback(HttpServerRequest request) {
        if (!ClientAddress.loopback(peer(request))
                || "cross-site".equalsIgnoreCase(request.getHeader(FETCH_SITE))) {
            return false;
        }
        String host = request.getHeader(HttpHeaders.HOST);
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        return (host == null || localName(hostOf(host), true)) && (origin == null || localName(originHost(origin),
                false));
    }

    /** {@code localhost}, a name under it, a loopback address, or (with {@code anyAddress}) any IP address. */
    private static boolean localName(String host, boolean anyAddress) {
        String name = host.toLowerCase(java.util.Locale.ROOT);
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        return anyAddress ? ClientAddress.ipLiteral(name) : ClientAddress.loopback(name);
    }

    /** The host of a {@code Host} header: the port dropped, an IPv6 address without its brackets. */
    private static String hostOf(String authority) {
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            return end < 0 ? authority : authority.substring(1, end);
        }
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    /** The host of an {@code Origin} ({@code scheme://host[:port]}); empty for {@code null} or anything else. */
    private static String originHost(String origin) {
        int scheme = origin.indexOf("://");
        return scheme < 0 ? "" : hostOf(origin.substring(scheme + 3));
    }

    static String peer(HttpServerRequest request) {
        return request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
    }
}
