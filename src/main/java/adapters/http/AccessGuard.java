package adapters.http;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

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
}
