package adapters.ollama;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.json.JsonObject;

import core.Endpoint;
import ports.out.HealthProbe;

/**
 * Probes a node with {@code GET /api/version}: instant on Ollama even while it loads a model, no side effects, and it
 * tells the node's version.
 */
@ApplicationScoped
class OllamaHealthProbe implements HealthProbe {

    private final NodeHttp http;

    OllamaHealthProbe(NodeHttp http) {
        this.http = http;
    }

    @Override
    public CompletionStage<String> check(Endpoint endpoint) {
        return http.get(endpoint, "/api/version").thenApply(body -> {
            try {
                return new JsonObject(body).getString("version");
            } catch (RuntimeException e) {
                throw new IllegalStateException("GET /api/version did not answer JSON; is this an Ollama server?");
            }
        });
    }
}
