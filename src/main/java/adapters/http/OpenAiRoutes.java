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

/**
 * The OpenAI-compatible API under {@code /v1}: inference routed by the body's model to any node that lists it
 * (Ollama nodes serve {@code /v1} too), the fleet's model list, and OpenAI-shaped errors for everything else under
 * {@code /v1}, so the openai SDKs raise their usual typed errors.
 */
@ApplicationScoped
class OpenAiRoutes {

    /** Routed by the body's {@code model}; {@code /v1/responses} and {@code /v1/messages} pass through as they are. */
    static final List<String> MODEL_ROUTES = List.of("/v1/chat/completions", "/v1/completions", "/v1/embeddings",
            "/v1/responses", "/v1/messages");

    private final ProxyHandler proxy;
    private final OpenAiModels models;
    private final Map<String, Set<HttpMethod>> known = new HashMap<>();

    OpenAiRoutes(ProxyHandler proxy, OpenAiModels models) {
        this.proxy = proxy;
        this.models = models;
    }

    /** The exact paths, before any route with a parameter ({@link RouteOrder}). */
    void register(@Observes @Priority(RouteOrder.EXACT) Router router) {
        for (String path : MODEL_ROUTES) {
            add(router, path, proxy::openAiByModel, HttpMethod.POST);
        }
        add(router, "/v1/models", models::list, HttpMethod.GET);
    }

    /** One model's entry, by a pattern, and then whatever else is under {@code /v1}. */
    void registerPatterns(@Observes Router router) {
        // Model ids of OpenAI-compatible servers often hold a slash (meta-llama/Llama-3.1-8B-Instruct).
        router.routeWithRegex(HttpMethod.GET, "/v1/models/(?<model>.+)").handler(models::retrieve);
        router.route("/v1/*").handler(this::unmatched);
    }

    private void add(Router router, String path, Handler<RoutingContext> handler, HttpMethod method) {
        known.put(path, Set.of(method));
        router.route(method, path).handler(handler);
    }

    private void unmatched(RoutingContext rc) {
        String path = rc.request().path();
        boolean knownPath = known.containsKey(path) || path.startsWith("/v1/models/");
        String call = rc.request().method().name() + " " + path;
        if (knownPath) {
            Replies.error(Dialect.OPENAI, rc.response(), 405, "method not allowed: " + call);
        } else {
            Replies.error(Dialect.OPENAI, rc.response(), 404, "unknown request URL: " + call);
        }
    }
}
