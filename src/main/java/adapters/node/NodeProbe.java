package adapters.node;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.buffer.Buffer;

import core.fleet.Node;
import core.fleet.NodeReport;
import core.fleet.NodeType;
import ports.out.HealthProbe;

/**
 * Probes a node without side effects: an Ollama node with {@code GET /api/version} (instant even while it loads a
 * model, and it tells the version), an OpenAI-compatible one with its health path ({@code /v1/models} unless
 * configured, e.g. {@code /health} on vLLM and llama.cpp). A node of unknown type is asked {@code /api/version}
 * first, then {@code /v1/models}; the first answer that makes sense decides what it is.
 */
@ApplicationScoped
class NodeProbe implements HealthProbe {

    private final NodeHttp http;

    NodeProbe(NodeHttp http) {
        this.http = http;
    }

    @Override
    public CompletionStage<NodeReport> check(Node endpoint, NodeType as) {
        return switch (as) {
            case OLLAMA -> http.get(endpoint, "/api/version").thenApply(NodeProbe::ollama);
            case OPENAI -> http.get(endpoint, endpoint.healthPath())
                    .thenApply(body -> new NodeReport(NodeType.OPENAI, null));
            case AUTO -> http.get(endpoint, "/api/version").thenApply(NodeProbe::ollama)
                    .exceptionallyCompose(notOllama -> answered(notOllama)
                            ? http.get(endpoint, "/v1/models").thenApply(NodeProbe::openAi)
                                    .exceptionally(neither -> {
                                        throw new IllegalStateException("answers neither GET /api/version (Ollama)"
                                                + " nor GET /v1/models (OpenAI-compatible): "
                                                + JsonBodies.reason(neither));
                                    })
                            // Unreachable or too slow: nothing learned; try again at the next probe.
                            : CompletableFuture.failedFuture(notOllama));
        };
    }

    private static boolean answered(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof UnexpectedAnswerException;
    }

    private static NodeReport ollama(Buffer body) {
        String version;
        try {
            version = JsonBodies.stringField(body, "version");
        } catch (IllegalStateException e) {
            throw new UnexpectedAnswerException("GET /api/version " + e.getMessage());
        }
        if (version == null) {
            throw new UnexpectedAnswerException("GET /api/version did not answer {\"version\": ...}; is this an"
                    + " Ollama server?");
        }
        return new NodeReport(NodeType.OLLAMA, version);
    }

    private static NodeReport openAi(Buffer body) {
        if (!JsonBodies.hasArray(body, "data")) {
            throw new IllegalStateException("GET /v1/models did not answer an OpenAI model list");
        }
        return new NodeReport(NodeType.OPENAI, null);
    }
}
