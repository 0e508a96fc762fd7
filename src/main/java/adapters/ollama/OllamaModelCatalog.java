package adapters.ollama;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import core.Endpoint;
import core.ModelEntry;
import core.ModelName;
import ports.out.ModelCatalog;

/** Reads an Ollama node's {@code /api/tags} and {@code /api/ps}, keeping each model object as the node wrote it. */
@ApplicationScoped
class OllamaModelCatalog implements ModelCatalog {

    private final NodeHttp http;

    OllamaModelCatalog(NodeHttp http) {
        this.http = http;
    }

    @Override
    public CompletionStage<List<ModelEntry>> available(Endpoint endpoint) {
        return http.get(endpoint, "/api/tags").thenApply(body -> entries(body, "/api/tags"));
    }

    @Override
    public CompletionStage<List<ModelEntry>> loaded(Endpoint endpoint) {
        return http.get(endpoint, "/api/ps").thenApply(body -> entries(body, "/api/ps"));
    }

    static List<ModelEntry> entries(Buffer body, String path) {
        JsonArray models;
        try {
            models = new JsonObject(body).getJsonArray("models");
        } catch (RuntimeException e) {
            throw new IllegalStateException(path + " did not answer the expected JSON");
        }
        List<ModelEntry> result = new ArrayList<>();
        if (models == null) {
            return result;
        }
        for (int i = 0; i < models.size(); i++) {
            JsonObject model = models.getJsonObject(i);
            String name = model.getString("name", model.getString("model"));
            if (name != null && !name.isBlank()) {
                result.add(new ModelEntry(ModelName.of(name), instant(model.getString("modified_at")), model.encode()));
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
