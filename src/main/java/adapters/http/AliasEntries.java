package adapters.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonObject;

import core.fleet.ModelEntry;
import core.fleet.ModelName;
import core.fleet.NodeType;
import core.routing.ModelRoutes;

/**
 * The fleet's model list as clients see it with the operator's aliases: one entry per alias whose model some node
 * lists (that model's entry, renamed), and without the entries an alias hides ({@code shadows}). Thread-safe.
 */
final class AliasEntries {

    private AliasEntries() {
    }

    static List<ModelEntry> with(List<ModelEntry> entries, ModelRoutes routes) {
        if (routes.isEmpty()) {
            return entries;
        }
        Map<ModelName, ModelName> aliases = routes.aliases();
        if (aliases.isEmpty()) {
            return entries;
        }
        List<ModelEntry> result = new ArrayList<>(entries.size() + aliases.size());
        for (ModelEntry entry : entries) {
            if (!aliases.containsKey(entry.name())) {
                result.add(entry);
            }
        }
        aliases.forEach((alias, model) -> {
            for (NodeType kind : NodeType.values()) {
                entries.stream().filter(e -> e.kind() == kind && e.name().equals(model)).findFirst()
                        .ifPresent(e -> result.add(renamed(e, alias, routes.route(alias).written())));
            }
        });
        return result;
    }

    /** What an OpenAI client sees as a model's id: an alias as the operator wrote it, else the canonical name. */
    static String id(ModelEntry entry, ModelRoutes routes) {
        ModelRoutes.Route route = routes.isEmpty() ? null : routes.route(entry.name());
        return route != null && route.alias() ? route.written() : entry.name().canonical();
    }

    private static ModelEntry renamed(ModelEntry entry, ModelName alias, String written) {
        JsonObject json = new JsonObject(entry.json());
        if (entry.kind() == NodeType.OLLAMA) {
            json.put("name", alias.canonical()).put("model", alias.canonical());
        } else {
            json.put("id", written);
        }
        return new ModelEntry(alias, entry.modifiedAt(), json.encode(), entry.kind(), entry.expiresAt(),
                entry.sizeVram());
    }
}
