package adapters.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import core.fleet.ModelName;
import core.fleet.Node;
import core.fleet.NodeType;
import core.routing.ModelRoutes;

/** Each mistake in {@code models:} is one line naming the key. */
class ModelRouteChecksTest {

    private static final List<Node> NODES = List.of(
            node("gpu-a").withLabels(Map.of("gpu", "a100")), node("laptop"));

    @Test
    void shouldBuildAliasesFallbacksAndRestrictions() {
        // When
        ModelRoutes routes = ModelRouteChecks.check(config(route("chat", "llama3.3:70b", List.of("llama3.2"),
                List.of(), Map.of()), route("llama3.3:70b", null, List.of(), List.of(), Map.of("gpu", "a100"))),
                NODES);

        // Then
        assertThat(routes.aliases()).containsEntry(ModelName.of("chat"), ModelName.of("llama3.3:70b"));
        assertThat(routes.allows(ModelName.of("llama3.3:70b"), NODES.get(1))).isFalse();
    }

    @Test
    void shouldRefuseAnAliasCycleNamingWhereItStarts() {
        assertThatThrownBy(() -> ModelRouteChecks.check(config(route("a", "b", List.of(), List.of(), Map.of()),
                route("b", "a", List.of(), List.of(), Map.of())), NODES))
                .hasMessage("invalid config: models[0].model = 'b': alias cycle a:latest -> b:latest -> a:latest");
    }

    @Test
    void shouldRefuseAnUnknownNodeName() {
        assertThatThrownBy(() -> ModelRouteChecks.check(config(route("big", null, List.of(), List.of("gpu-z"),
                Map.of())), NODES))
                .hasMessage(
                        "invalid config: models[0].nodes = 'gpu-z': no node in discovery.static.endpoints has this name"
                                + " (nodes: gpu-a, laptop)");
    }

    @Test
    void shouldRefuseLabelsNoNodeCarries() {
        assertThatThrownBy(() -> ModelRouteChecks.check(config(route("big", null, List.of(), List.of(),
                Map.of("gpu", "h100"))), NODES))
                .hasMessage(
                        "invalid config: models[0].labels = '{gpu=h100}': no node in discovery.static.endpoints carries all of"
                                + " these labels");
    }

    @Test
    void shouldRefuseTwoRoutesForOneModelWhateverTheSpelling() {
        assertThatThrownBy(() -> ModelRouteChecks.check(config(route("llama3.2", null, List.of("a"), List.of(),
                Map.of()), route("library/llama3.2:latest", null, List.of("b"), List.of(), Map.of())), NODES))
                .hasMessage(
                        "invalid config: models[1].name = 'library/llama3.2:latest': models[0] routes the same model"
                                + " (llama3.2:latest); merge the two");
    }

    @Test
    void shouldRefuseAnAliasOfItselfAndAnAliasThatRestrictsNodes() {
        assertThatThrownBy(() -> ModelRouteChecks.check(config(route("chat", "chat:latest", List.of(), List.of(),
                Map.of())), NODES))
                .hasMessage("invalid config: models[0].model = 'chat:latest': an alias cannot stand for itself");
        assertThatThrownBy(() -> ModelRouteChecks.check(config(route("chat", "big", List.of(), List.of("gpu-a"),
                Map.of())), NODES))
                .hasMessageStartingWith("invalid config: models[0].nodes = '[gpu-a]': an alias uses its model's"
                        + " nodes");
    }

    private static Node node(String name) {
        return new Node(name, URI.create("http://" + name + ":11434"), NodeType.OLLAMA, 0, 0, Duration.ofSeconds(5),
                Duration.ofSeconds(2));
    }

    private static ModelsConfig config(ModelsConfig.Route... routes) {
        return new ModelsConfig() {
            @Override
            public Optional<List<Route>> list() {
                return Optional.of(List.of(routes));
            }

            @Override
            public Optional<List<Route>> block() {
                return Optional.empty();
            }

            @Override
            public Optional<List<Wanted>> required() {
                return Optional.empty();
            }

            @Override
            public Optional<List<Preload>> preload() {
                return Optional.empty();
            }

            @Override
            public Sync sync() {
                return null;
            }
        };
    }

    private static ModelsConfig.Route route(String name, String model, List<String> fallbacks, List<String> nodes,
            Map<String, String> labels) {
        return new ModelsConfig.Route() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<String> model() {
                return Optional.ofNullable(model);
            }

            @Override
            public Optional<List<String>> fallbacks() {
                return Optional.of(fallbacks);
            }

            @Override
            public Optional<List<String>> nodes() {
                return Optional.of(nodes);
            }

            @Override
            public Map<String, String> labels() {
                return labels;
            }

            @Override
            public boolean shadows() {
                return false;
            }
        };
    }
}
