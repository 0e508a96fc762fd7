package adapters.node;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.buffer.Buffer;

import core.fleet.ModelEntry;
import core.fleet.ModelName;
import core.fleet.Node;
import core.fleet.NodeType;
import ports.out.ModelCatalog;

/**
 * Reads a node's model lists, keeping each model object as the node wrote it: an Ollama node's {@code /api/tags}
 * and {@code /api/ps}, an OpenAI-compatible node's {@code /v1/models} (such nodes cannot say what is loaded).
 */
@ApplicationScoped
class NodeCatalog implements ModelCatalog {

    private final NodeHttp http;

    NodeCatalog(NodeHttp http) {
        this.http = http;
    }

    @Override
    public CompletionStage<List<ModelEntry>> available(Node endpoint, NodeType type) {
        if (type == NodeType.OPENAI) {
            return http.get(endpoint, "/v1/models").thenApply(NodeCatalog::openAiEntries);
        }
        return http.get(endpoint, "/api/tags").thenApply(body -> ollamaEntries(body, "/api/tags"));
    }

    @Override
    public CompletionStage<List<ModelEntry>> loaded(Node endpoint, NodeType type) {
        if (type == NodeType.OPENAI) {
            return CompletableFuture.completedFuture(List.of());
        }
        return http.get(endpoint, "/api/ps").thenApply(body -> ollamaEntries(body, "/api/ps"));
    }

    static List<ModelEntry> ollamaEntries(Buffer body, String path) {
        List<JsonBodies.Entry> models;
        try {
            models = JsonBodies.entries(body, "models");
        } catch (IllegalStateException e) {
            throw new IllegalStateException(path + " did not answer the expected JSON");
        }
        List<ModelEntry> result = new ArrayList<>(models.size());
        for (JsonBodies.Entry model : models) {
            String name = model.string("name") != null ? model.string("name") : model.string("model");
            if (name != null && !name.isBlank()) {
                Long vram = model.numbers().get("size_vram");
                result.add(new ModelEntry(ModelName.of(name), instant(model.string("modified_at")), model.raw(),
                        NodeType.OLLAMA, instant(model.string("expires_at")), vram == null ? -1 : vram));
            }
        }
        return result;
    }

    static List<ModelEntry> openAiEntries(Buffer body) {
        List<JsonBodies.Entry> models;
        try {
            models = JsonBodies.entries(body, "data");
        } catch (IllegalStateException e) {
            throw new IllegalStateException("/v1/models did not answer the expected JSON");
        }
        List<ModelEntry> result = new ArrayList<>(models.size());
        for (JsonBodies.Entry model : models) {
            String id = model.string("id");
            if (id != null && !id.isBlank()) {
                Long created = model.numbers().get("created");
                result.add(new ModelEntry(ModelName.of(id), created == null ? null : Instant.ofEpochSecond(created),
                        model.raw(), NodeType.OPENAI));
            }
        }
        return result;
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
