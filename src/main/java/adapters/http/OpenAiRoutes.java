package adapters.http;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    OpenAiRoutes(ProxyHandler proxy, OpenAiModels models) {
        this.proxy = proxy;
        this.models = models;
    }

    void register(@Observes Router router) {
        Map<String, Set<HttpMethod>> known = new HashMap<>();
        for (String path : MODEL_ROUTES) {
            add(router, known, path, proxy::openAiByModel, HttpMethod.POST);
        }
        add(router, known, "/v1/models", models::list, HttpMethod.GET);
        // Model ids of OpenAI-compatible servers often hold a slash (meta-llama/Llama-3.1-8B-Instruct).
        router.routeWithRegex(HttpMethod.GET, "/v1/models/(?<model>.+)").handler(models::retrieve);
        router.route("/v1/*").handler(rc -> unmatched(rc, known));
    }

    private static void add(Router router, Map<String, Set<HttpMethod>> known, String path,
            Handler<RoutingContext> handler, HttpMethod method) {
        known.put(path, Set.of(method));
        router.route(method, path).handler(handler);
    }

    private static void unmatched(RoutingContext rc, Map<String, Set<HttpMethod>> known) {
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
