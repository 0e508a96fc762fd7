package adapters.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/**
 * {@code models:} in config.yaml: routes for model names, a list. Each entry names a model ({@code name}) and may make
 * it an alias of another ({@code model}), give it fallbacks tried in order when no node of it can take a request
 * ({@code fallbacks}), and keep it to some nodes ({@code nodes} by name, {@code labels} by the nodes' labels).
 */
@ConfigMapping(prefix = "models", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface ModelsConfig {

    @WithParentName
    Optional<List<Route>> routes();

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
