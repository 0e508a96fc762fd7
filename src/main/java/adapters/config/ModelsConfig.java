package adapters.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * {@code models:} in config.yaml. Either a list of routes (the first form), or a block with {@code routes} (that list),
 * {@code required} (models the sync keeps on nodes), {@code preload} (models it keeps loaded) and {@code sync} (how
 * often it looks, pulls per node, longest retry wait). A route names a model ({@code name}) and may make it an alias
 * of another ({@code model}), give it fallbacks tried in order when no node of it can take a request
 * ({@code fallbacks}), and keep it to some nodes ({@code nodes} by name, {@code labels} by the nodes' labels).
 */
@ConfigMapping(prefix = "models", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface ModelsConfig {

    /** {@code models: [...]}: the routes, written as the whole of {@code models}. */
    @WithParentName
    Optional<List<Route>> list();

    /** {@code models.routes}: the routes, beside {@code required} and {@code preload}. */
    @WithName("routes")
    Optional<List<Route>> block();

    /** Models kept on the nodes each entry names; pulled where missing. */
    Optional<List<Wanted>> required();

    /** Models kept loaded on the nodes each entry names, where the node has them and is idle. */
    Optional<List<Preload>> preload();

    Sync sync();

    /** One entry of {@code models.required}: a model and the nodes it must be on. */
    interface Wanted {

        String model();

        /** Only these nodes (by name); every node when absent. */
        Optional<List<String>> nodes();

        /** Only nodes carrying all these labels. */
        Map<String, String> labels();
    }

    /** One entry of {@code models.preload}: a model, its nodes, and how long they keep it loaded. */
    interface Preload extends Wanted {

        /** As Ollama reads keep_alive: seconds or a duration; -1 keeps it until it is unloaded. */
        @WithDefault("-1")
        String keepAlive();
    }

    /** {@code models.sync}: how the background sync runs. */
    interface Sync {

        /** How often it compares the fleet with required and preload (also when a node comes up). */
        @WithDefault("30s")
        Duration interval();

        /** Pulls one node runs at once. */
        @WithDefault("1")
        int pullsPerNode();

        /** The longest wait before a failed pull is tried again (the first wait is the interval, doubling). */
        @WithDefault("10m")
        Duration maxBackoff();
    }

    /** One entry of {@code models}. */
    interface Route {

        String name();

        /** The model this name stands for: the name is an alias. */
        Optional<String> model();

        Optional<List<String>> fallbacks();

        Optional<List<String>> nodes();

        Map<String, String> labels();

        /** The alias's name is also a model some node holds, and the alias is meant to win. */
        @WithDefault("false")
        boolean shadows();
    }
}
