package adapters.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.ext.web.RoutingContext;

import core.fleet.ModelEntry;
import core.fleet.ModelName;
import core.fleet.NodeType;
import core.routing.ModelRoutes;
import ports.in.ListModelsUseCase;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}}: every model of the fleet once, in OpenAI's list shape.
 * Models of OpenAI-compatible nodes are passed as the node described them; Ollama's are described as Ollama's own
 * {@code /v1/models} does (display name, modification time, namespace as owner).
 */
@ApplicationScoped
class OpenAiModels {

    private final ListModelsUseCase models;
    private final ModelRoutes routes;

    OpenAiModels(ListModelsUseCase models, ModelRoutes routes) {
        this.models = models;
        this.routes = routes;
    }

    void list(RoutingContext rc) {
        StringBuilder json = new StringBuilder(256).append("{\"object\":\"list\",\"data\":[");
        boolean first = true;
        for (ModelEntry entry : fleetModels().values()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            json.append(describe(entry, AliasEntries.id(entry, routes)));
        }
        Replies.json(rc.response(), 200, json.append("]}").toString());
    }

    void retrieve(RoutingContext rc) {
        String id = rc.pathParam("model");
        ModelName name;
        try {
            name = ModelName.of(id);
        } catch (IllegalArgumentException e) {
            Replies.error(Dialect.OPENAI, rc.response(), 404, "model '' not found");
            return;
        }
        ModelEntry entry = fleetModels().get(name);
        if (entry == null) {
            Replies.error(Dialect.OPENAI, rc.response(), 404, "model '" + name.canonical() + "' not found");
            return;
        }
        Replies.json(rc.response(), 200, entry.kind() == NodeType.OPENAI ? entry.json() : describe(entry, id));
    }

    /** One entry per model name, newest first, preferring the first node in fleet order. */
    private Map<ModelName, ModelEntry> fleetModels() {
        List<ModelEntry> all = AliasEntries.with(models.listModels(), routes);
        Map<ModelName, ModelEntry> unique = new LinkedHashMap<>();
        for (ModelEntry entry : all) {
            unique.putIfAbsent(entry.name(), entry);
        }
        return unique;
    }

    private static String describe(ModelEntry entry, String id) {
        if (entry.kind() == NodeType.OPENAI) {
            return entry.json();
        }
        return "{\"id\":" + Dialect.quote(id) + ",\"object\":\"model\",\"created\":"
                + entry.modifiedAt().getEpochSecond() + ",\"owned_by\":" + Dialect.quote(owner(entry.name()))
                + "}";
    }

    /** The namespace of a name ({@code jdoe/m:tag} → jdoe; {@code hf.co/org/m} → org), else {@code library}. */
    private static String owner(ModelName name) {
        String path = name.canonical();
        int colon = path.indexOf(':', path.lastIndexOf('/') + 1);
        String[] parts = (colon < 0 ? path : path.substring(0, colon)).split("/");
        return parts.length >= 2 ? parts[parts.length - 2] : "library";
    }
}
