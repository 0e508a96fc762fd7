package adapters.http;

import java.util.List;
import java.util.Map;
import java.util.Set;

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

    OllamaRoutes(ProxyHandler proxy, FleetHandler fleet, ModelFanOut models) {
        this.proxy = proxy;
        this.fleet = fleet;
        this.models = models;
    }

    void register(@Observes Router router) {
        Map<String, Set<HttpMethod>> known = new java.util.HashMap<>();
        add(router, known, "/", fleet::root, HttpMethod.GET, HttpMethod.HEAD);
        add(router, known, "/api/version", fleet::version, HttpMethod.GET, HttpMethod.HEAD);
        add(router, known, "/api/tags", fleet::tags, HttpMethod.GET, HttpMethod.HEAD);
        add(router, known, "/api/ps", fleet::ps, HttpMethod.GET);
        for (String path : MODEL_ROUTES) {
            add(router, known, path, proxy::byModel, HttpMethod.POST);
        }
        add(router, known, "/api/pull", models.route(ModelOperation.PULL, "/api/pull"), HttpMethod.POST);
        add(router, known, "/api/create", models.route(ModelOperation.CREATE, "/api/create"), HttpMethod.POST);
        add(router, known, "/api/copy", models.route(ModelOperation.COPY, "/api/copy"), HttpMethod.POST);
        add(router, known, "/api/delete", models.route(ModelOperation.DELETE, "/api/delete"), HttpMethod.DELETE);
        add(router, known, "/api/push", models.route(null, "/api/push"), HttpMethod.POST);
        add(router, known, "/api/blobs/:digest", models.route(null, "/api/blobs"), HttpMethod.HEAD,
                HttpMethod.POST);
        router.route("/api/*").handler(rc -> unmatched(rc, known));
    }

    private static void add(Router router, Map<String, Set<HttpMethod>> known, String path,
            Handler<RoutingContext> handler, HttpMethod... methods) {
        known.put(path, Set.of(methods));
        for (HttpMethod method : methods) {
            router.route(method, path).handler(handler);
        }
    }

    private static void unmatched(RoutingContext rc, Map<String, Set<HttpMethod>> known) {
        String path = rc.request().path();
        boolean knownPath = known.containsKey(path) || path.startsWith("/api/blobs/");
        if (knownPath) {
            Replies.text(rc.response(), 405, "405 method not allowed");
        } else {
            Replies.text(rc.response(), 404, "404 page not found");
        }
    }
}
