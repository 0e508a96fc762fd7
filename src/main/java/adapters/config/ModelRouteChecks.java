package adapters.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import core.MalformedRequestException;
import core.fleet.ModelName;
import core.fleet.Node;
import core.routing.ModelRoutes;

/**
 * The rules of {@code models:} in config.yaml, in one place: the gateway's producer applies them when it starts, and
 * {@code drover serve} and {@code drover config check} before the framework starts. Names are model names; an alias
 * neither names itself nor joins a cycle, and restricts no nodes (its model does); every node named is one of
 * {@code discovery.static.endpoints}, and some node there carries every label asked for. Throws
 * {@link InvalidConfigException} naming the key.
 */
public final class ModelRouteChecks {

    private ModelRouteChecks() {
    }

    /** For a fleet of listed nodes only. */
    public static ModelRoutes check(ModelsConfig config, List<Node> nodes) {
        return check(config, nodes, false);
    }

    /**
     * {@code nodes}: those config.yaml lists; {@code discovered}: more join at run time (discovery.kubernetes), so a
     * route's labels need not match a listed node.
     */
    public static ModelRoutes check(ModelsConfig config, List<Node> nodes, boolean discovered) {
        List<ModelsConfig.Route> entries = config.routes().orElse(List.of());
        Set<String> names = new LinkedHashSet<>();
        nodes.forEach(n -> names.add(n.name()));
        List<ModelRoutes.Route> routes = new ArrayList<>(entries.size());
        Map<ModelName, Integer> seen = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            ModelsConfig.Route entry = entries.get(i);
            String key = "models[" + i + "]";
            ModelName name = model(key + ".name", entry.name());
            Integer earlier = seen.putIfAbsent(name, i);
            if (earlier != null) {
                throw new InvalidConfigException(key + ".name", entry.name(), "models[" + earlier + "] routes the"
                        + " same model (" + name + "); merge the two");
            }
            String target = entry.model().map(String::strip).orElse(null);
            if (target != null && model(key + ".model", target).equals(name)) {
                throw new InvalidConfigException(key + ".model", target, "an alias cannot stand for itself");
            }
            List<String> fallbacks = new ArrayList<>();
            for (String fallback : entry.fallbacks().orElse(List.of())) {
                if (model(key + ".fallbacks", fallback).equals(name)) {
                    throw new InvalidConfigException(key + ".fallbacks", fallback, "a model cannot fall back to"
                            + " itself");
                }
                fallbacks.add(fallback.strip());
            }
            Set<String> only = new HashSet<>(entry.nodes().orElse(List.of()));
            Map<String, String> labels = entry.labels();
            if (target != null && (!only.isEmpty() || !labels.isEmpty())) {
                throw new InvalidConfigException(key + (only.isEmpty() ? ".labels" : ".nodes"), only.isEmpty()
                        ? labels
                        : only, "an alias uses its model's nodes; restrict '" + target + "' instead");
            }
            for (String node : only) {
                if (!names.contains(node)) {
                    throw new InvalidConfigException(key + ".nodes", node, "no node in discovery.static.endpoints"
                            + " has this name (nodes: " + String.join(", ", names) + ")");
                }
            }
            if (!labels.isEmpty() && !discovered && nodes.stream().noneMatch(n -> n.hasLabels(labels))) {
                throw new InvalidConfigException(key + ".labels", labels, "no node in discovery.static.endpoints"
                        + " carries all of these labels");
            }
            routes.add(new ModelRoutes.Route(name, entry.name().strip(), target, fallbacks, only, labels,
                    entry.shadows()));
        }
        try {
            return new ModelRoutes(routes);
        } catch (IllegalArgumentException e) {
            int at = cycleStart(routes, e.getMessage());
            throw new InvalidConfigException("models[" + at + "].model", entries.get(at).model().orElse(""),
                    e.getMessage());
        }
    }

    private static int cycleStart(List<ModelRoutes.Route> routes, String message) {
        for (int i = 0; i < routes.size(); i++) {
            if (message.startsWith("alias cycle " + routes.get(i).name().canonical() + " ")) {
                return i;
            }
        }
        return 0;
    }

    private static ModelName model(String key, String value) {
        try {
            return ModelName.requested(value);
        } catch (MalformedRequestException e) {
            throw new InvalidConfigException(key, value == null ? "" : value, "not a model name");
        }
    }
}
