package core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import core.fleet.Fixtures;
import core.fleet.ModelName;

class ModelRoutesTest {

    @Test
    void shouldFollowAliasesAndThenTryFallbacksOfTheAliasAndOfItsModelInOrder() {
        // Given
        ModelRoutes routes = new ModelRoutes(List.of(alias("chat", "big", "small"), alias("big", "llama3.3:70b"),
                route("llama3.3:70b", List.of("qwen2.5:32b", "small"))));

        // When
        List<ModelRoutes.Served> chain = routes.candidates(ModelName.of("chat"), "chat");

        // Then
        assertThat(chain).extracting(ModelRoutes.Served::spelling).containsExactly("llama3.3:70b", "small",
                "qwen2.5:32b");
        assertThat(chain).extracting(ModelRoutes.Served::fallback).containsExactly(false, true, true);
    }

    @Test
    void shouldLeaveANameWithoutARouteAsItIs() {
        // When
        List<ModelRoutes.Served> chain = ModelRoutes.NONE.candidates(ModelName.of("llama3.2"), "llama3.2:latest");

        // Then
        assertThat(chain).extracting(ModelRoutes.Served::model).containsExactly(ModelName.of("llama3.2"));
    }

    @Test
    void shouldRefuseAnAliasCycle() {
        // When / Then
        assertThatThrownBy(() -> new ModelRoutes(List.of(alias("a", "b"), alias("b", "c"), alias("c", "a"))))
                .hasMessage("alias cycle a:latest -> b:latest -> c:latest -> a:latest");
    }

    @Test
    void shouldKeepARestrictedModelToNamedNodesAndToNodesWithItsLabels() {
        // Given
        ModelRoutes routes = new ModelRoutes(List.of(new ModelRoutes.Route(ModelName.of("big"), "big", null,
                List.of(), Set.of("gpu-a"), Map.of("gpu", "a100"), false)));

        // Then
        assertThat(routes.allows(ModelName.of("big"), Fixtures.anEndpoint("gpu-a"))).isTrue();
        assertThat(routes.allows(ModelName.of("big"),
                Fixtures.anEndpoint("gpu-b").withLabels(Map.of("gpu", "a100", "zone", "x")))).isTrue();
        assertThat(routes.allows(ModelName.of("big"),
                Fixtures.anEndpoint("gpu-c").withLabels(Map.of("gpu", "t4")))).isFalse();
        assertThat(routes.allows(ModelName.of("other"), Fixtures.anEndpoint("gpu-c"))).isTrue();
    }

    private static ModelRoutes.Route alias(String name, String target, String... fallbacks) {
        return new ModelRoutes.Route(ModelName.of(name), name, target, List.of(fallbacks), Set.of(), Map.of(),
                false);
    }

    private static ModelRoutes.Route route(String name, List<String> fallbacks) {
        return new ModelRoutes.Route(ModelName.of(name), name, null, fallbacks, Set.of(), Map.of(), false);
    }
}
