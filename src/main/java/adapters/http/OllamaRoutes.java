package adapters.http;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import core.models.ModelOperation;

/**
 * Ollama's native API at the root, as Ollama serves it, on Vert.x routes (the byte path stays off the REST layer).
 * Unknown {@code /api} paths answer {@code 404 page not found} and known paths with the wrong method
 * {@code 405 method not allowed}, as Ollama's router does.
 */
@ApplicationScoped
class OllamaRoutes {

    /** Inference and model-info routes, routed by the body's model. */
    static final List<String> MODEL_ROUTES = List.of("/api/chat", "/api/generate", "/api/embed", "/api/embeddings",
            "/api/show");

    private final ProxyHandler proxy;
    private final FleetHandler fleet;
    private final ModelFanOut models;
    private final Map<String, Set<HttpMethod>> known = new HashMap<>();

    OllamaRoutes(ProxyHandler proxy, FleetHandler fleet, ModelFanOut models) {
        this.proxy = proxy;
        this.fleet = fleet;
        this.models = models;
    }

    /** The exact paths, before any route with a parameter ({@link RouteOrder}). */
    void register(@Observes @Priority(RouteOrder.EXACT) Router router) {
        add(router, "/", fleet::root, HttpMethod.GET, HttpMethod.HEAD);
        add(router, "/api/version", fleet::version, HttpMethod.GET, HttpMethod.HEAD);
        add(router, "/api/tags", fleet::tags, HttpMethod.GET, HttpMethod.HEAD);
        add(router, "/api/ps", fleet::ps, HttpMethod.GET);
        for (String path : MODEL_ROUTES) {
            add(router, path, proxy::byModel, HttpMethod.POST);
        }
        add(router, "/api/pull", models.route(ModelOperation.PULL, "/api/pull"), HttpMethod.POST);
        add(router, "/api/create", models.route(ModelOperation.CREATE, "/api/create"), HttpMethod.POST);
        add(router, "/api/copy", models.route(ModelOperation.COPY, "/api/copy"), HttpMethod.POST);
        add(router, "/api/delete", models.route(ModelOperation.DELETE, "/api/delete"), HttpMethod.DELETE);
        add(router, "/api/push", models.route(null, "/api/push"), HttpMethod.POST);
    }

    /** The blob path, with its digest parameter, and then whatever else is under {@code /api}. */
    void registerPatterns(@Observes Router router) {
        add(router, "/api/blobs/:digest", models.route(null, "/api/blobs"), HttpMethod.HEAD, HttpMethod.POST);
        router.route("/api/*").handler(this::unmatched);
    }

    private void add(Router router, String path, Handler<RoutingContext> handler, HttpMethod... methods) {
        known.put(path, Set.of(methods));
        for (HttpMethod method : methods) {
            router.route(method, path).handler(handler);
        }
    }

    private void unmatched(RoutingContext rc) {
        String path = rc.request().path();
        boolean knownPath = known.containsKey(path) || path.startsWith("/api/blobs/");
        if (knownPath) {
            Replies.text(rc.response(), 405, "405 method not allowed");
        } else {
            Replies.text(rc.response(), 404, "404 page not found");
        }
    }
}
