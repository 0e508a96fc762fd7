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
import core.models.ModelPlan;
import core.routing.ModelRoutes;

/**
 * The rules of {@code models:} in config.yaml, in one place: the gateway's producer applies them when it starts, and
 * {@code drover serve} and {@code drover config check} before the framework starts. Names are model names; an alias
 * neither names itself nor joins a cycle, and restricts no nodes (its model does); every node named is one of
 * {@code discovery.static.endpoints}, and some node there carries every label asked for. Throws
 * {@link InvalidConfigException} naming the key.
 */
public final class ModelRouteChecks {

    /** A keep-alive as Ollama reads it: whole seconds, or a Go duration such as 30m, 1h30m, -1m. */
    private static final java.util.regex.Pattern KEEP_ALIVE = java.util.regex.Pattern
            .compile("-?\\d+|-?(\\d+(\\.\\d+)?(ns|us|ms|s|m|h))+");

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
        if (config.list().isPresent() && config.block().isPresent()) {
            throw new InvalidConfigException("models.routes", "[...]", "models is either a list of routes or a block"
                    + " with routes; not both");
        }
        List<ModelsConfig.Route> entries = config.list().or(config::block).orElse(List.of());
        String prefix = config.list().isPresent() ? "models" : "models.routes";
        Set<String> names = new LinkedHashSet<>();
        nodes.forEach(n -> names.add(n.name()));
        List<ModelRoutes.Route> routes = new ArrayList<>(entries.size());
        Map<ModelName, Integer> seen = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            ModelsConfig.Route entry = entries.get(i);
            String key = prefix + "[" + i + "]";
            ModelName name = model(key + ".name", entry.name());
            Integer earlier = seen.putIfAbsent(name, i);
            if (earlier != null) {
                throw new InvalidConfigException(key + ".name", entry.name(), prefix + "[" + earlier + "] routes the"
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
            throw new InvalidConfigException(prefix + "[" + at + "].model", entries.get(at).model().orElse(""),
                    e.getMessage());
        }
    }

    /**
     * {@code models.required}, {@code models.preload} and {@code models.sync} as the sync's plan: model names, nodes
     * and labels under the same rules as routes, keep-alives as Ollama reads them, a positive interval and at least
     * one pull per node.
     */
    public static ModelPlan plan(ModelsConfig config, List<Node> nodes, boolean discovered) {
        ModelsConfig.Sync sync = config.sync();
        if (sync.interval().isNegative() || sync.interval().isZero()) {
            throw new InvalidConfigException("models.sync.interval", sync.interval().toMillis() + "ms", "must be"
                    + " positive");
        }
        if (sync.pullsPerNode() < 1) {
            throw new InvalidConfigException("models.sync.pulls_per_node", sync.pullsPerNode(), "must be at least 1");
        }
        if (sync.maxBackoff().compareTo(sync.interval()) < 0) {
            throw new InvalidConfigException("models.sync.max_backoff", sync.maxBackoff().toMillis() + "ms", "must be"
                    + " at least models.sync.interval (" + sync.interval().toMillis() + "ms)");
        }
        return new ModelPlan(wants("models.required", config.required().orElse(List.of()), nodes, discovered),
                wants("models.preload", config.preload().orElse(List.of()), nodes, discovered),
                sync.interval(), sync.pullsPerNode(), sync.maxBackoff());
    }

    private static List<ModelPlan.Want> wants(String prefix, List<? extends ModelsConfig.Wanted> entries,
            List<Node> nodes, boolean discovered) {
        Set<String> names = new LinkedHashSet<>();
        nodes.forEach(n -> names.add(n.name()));
        List<ModelPlan.Want> wants = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            ModelsConfig.Wanted entry = entries.get(i);
            String key = prefix + "[" + i + "]";
            ModelName model = model(key + ".model", entry.model());
            List<String> only = entry.nodes().orElse(List.of()).stream().map(String::strip).toList();
            for (String node : only) {
                if (!names.contains(node)) {
                    throw new InvalidConfigException(key + ".nodes", node, "no node in discovery.static.endpoints"
                            + " has this name (nodes: " + String.join(", ", names) + ")");
                }
            }
            if (!entry.labels().isEmpty() && !discovered && nodes.stream().noneMatch(n -> n.hasLabels(entry
                    .labels()))) {
                throw new InvalidConfigException(key + ".labels", entry.labels(), "no node in"
                        + " discovery.static.endpoints carries all of these labels");
            }
            String keepAlive = null;
            if (entry instanceof ModelsConfig.Preload preload) {
                keepAlive = preload.keepAlive().strip();
                if (!KEEP_ALIVE.matcher(keepAlive).matches()) {
                    throw new InvalidConfigException(key + ".keep_alive", keepAlive, "expected seconds (-1: until"
                            + " unloaded) or a duration such as 30m or 1h");
                }
            }
            wants.add(new ModelPlan.Want(model, only, entry.labels(), keepAlive));
        }
        return wants;
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
