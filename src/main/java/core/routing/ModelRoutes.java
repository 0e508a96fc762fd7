package core.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import core.fleet.ModelName;
import core.fleet.Node;

/**
 * The operator's routes for model names ({@code models:} in config.yaml): aliases (a name that stands for another
 * model), ordered fallbacks (models tried when no node of the first can take a request), and restrictions (a model
 * served only by some nodes, named or by label). Thread-safe; built from a list checked for duplicates and alias
 * cycles, and replaced whole by a configuration reload ({@link #replace}).
 */
public final class ModelRoutes {

    public static final ModelRoutes NONE = new ModelRoutes(List.of());

    /**
     * One route. {@code written}: its name as the operator wrote it (OpenAI clients list it so); {@code target}: the model {@code name} stands for, as the node spells it (null: {@code name} is not
     * an alias); {@code fallbacks}: models to try in order, as the nodes spell them; {@code nodes} and {@code labels}:
     * when not empty, only nodes so named, or carrying all those labels, serve {@code name}; {@code shadows}: the
     * alias is meant to hide a model of the same name that nodes hold.
     */
    public record Route(ModelName name, String written, String target, List<String> fallbacks, Set<String> nodes,
            Map<String, String> labels, boolean shadows) {

        public Route {
            Objects.requireNonNull(name, "name");
            written = written == null ? name.canonical() : written;
            fallbacks = List.copyOf(fallbacks);
            nodes = Set.copyOf(nodes);
            labels = Map.copyOf(labels);
            if (target != null && (!nodes.isEmpty() || !labels.isEmpty())) {
                throw new IllegalArgumentException("alias '" + name + "' cannot restrict nodes; restrict its model");
            }
        }

        public boolean alias() {
            return target != null;
        }

        public boolean restricted() {
            return !nodes.isEmpty() || !labels.isEmpty();
        }
    }

    /** A model to send a request to: its canonical name, how the node spells it, and whether it is a fallback. */
    public record Served(ModelName model, String spelling, boolean fallback) {
    }

    private volatile Map<ModelName, Route> routes;

    public ModelRoutes(List<Route> list) {
        Map<ModelName, Route> table = new LinkedHashMap<>();
        for (Route route : list) {
            if (table.putIfAbsent(route.name(), route) != null) {
                throw new IllegalArgumentException("model '" + route.name() + "' has two routes");
            }
        }
        routes = table;
        for (Route route : list) {
            List<ModelName> cycle = cycle(route.name());
            if (!cycle.isEmpty()) {
                throw new IllegalArgumentException("alias cycle " + String.join(" -> ",
                        cycle.stream().map(ModelName::canonical).toList()));
            }
        }
    }

    /**
     * Routes by {@code next}'s table from now on (a configuration reload); a request being routed may still see the
     * old table. Returns whether the routes differ. {@link #NONE} is never replaced.
     */
    public boolean replace(ModelRoutes next) {
        if (this == NONE) {
            throw new IllegalStateException("the empty routes are shared and never replaced");
        }
        if (all().equals(next.all())) {
            return false;
        }
        routes = next.routes;
        return true;
    }

    public List<Route> all() {
        return List.copyOf(routes.values());
    }

    public boolean isEmpty() {
        return routes.isEmpty();
    }

    /** The route of {@code name}, or null. */
    public Route route(ModelName name) {
        return routes.get(name);
    }

    /**
     * The models a request for {@code asked} may go to, in order: what it stands for (aliases followed), then its
     * fallbacks, then those of the model it stands for, each followed through aliases, none twice.
     */
    public List<Served> candidates(ModelName asked, String spelling) {
        List<Served> result = new ArrayList<>(2);
        Set<ModelName> seen = new HashSet<>();
        Served primary = resolve(asked, spelling, false);
        result.add(primary);
        seen.add(primary.model());
        for (ModelName name = asked; name != null;) {
            Route route = routes.get(name);
            if (route == null) {
                break;
            }
            for (String fallback : route.fallbacks()) {
                Served served = resolve(ModelName.of(fallback), fallback, true);
                if (seen.add(served.model())) {
                    result.add(served);
                }
            }
            name = route.alias() ? ModelName.of(route.target()) : null;
        }
        return result;
    }

    /** The model {@code name} stands for in the end: itself when it is no alias. */
    public ModelName standsFor(ModelName name) {
        return resolve(name, name.canonical(), false).model();
    }

    /** Whether {@code node} may serve {@code model}. */
    public boolean allows(ModelName model, Node node) {
        Route route = routes.get(model);
        if (route == null || !route.restricted()) {
            return true;
        }
        return route.nodes().contains(node.name()) || !route.labels().isEmpty() && node.hasLabels(route.labels());
    }

    /** Every alias with the model it stands for in the end. */
    public Map<ModelName, ModelName> aliases() {
        Map<ModelName, ModelName> result = new LinkedHashMap<>();
        for (Route route : routes.values()) {
            if (route.alias()) {
                result.put(route.name(), standsFor(route.name()));
            }
        }
        return result;
    }

    private Served resolve(ModelName name, String spelling, boolean fallback) {
        ModelName model = name;
        String written = spelling;
        for (Route route = routes.get(model); route != null && route.alias(); route = routes.get(model)) {
            written = route.target();
            model = ModelName.of(written);
        }
        return new Served(model, written, fallback);
    }

    private List<ModelName> cycle(ModelName start) {
        List<ModelName> path = new ArrayList<>();
        ModelName name = start;
        while (true) {
            Route route = routes.get(name);
            if (route == null || !route.alias()) {
                return List.of();
            }
            path.add(name);
            name = ModelName.of(route.target());
            if (name.equals(start)) {
                path.add(name);
                return path;
            }
            if (path.contains(name)) {
                return List.of(); // a cycle that does not start here is reported from its own start
            }
        }
    }
}
