package core.fleet;

import static core.FakeCatalog.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import core.FakeCatalog;

class ModelRegistryTest {

    private final Fleet fleet = new Fleet();
    private final FakeCatalog catalog = new FakeCatalog();
    private final ModelRegistry registry = new ModelRegistry(catalog, fleet, Clock.systemUTC());

    @Test
    void shouldListEachModelOnceNewestFirst() {
        // Given
        node("a", entry("llama3:latest", 10), entry("qwen3:8b", 30));
        node("b", entry("LLAMA3", 20), entry("phi3:mini", 5));

        // When
        registry.refreshAll().toCompletableFuture().join();

        // Then
        assertThat(registry.listModels()).extracting(e -> e.name().canonical())
                .containsExactly("qwen3:8b", "llama3:latest", "phi3:mini");
    }

    @Test
    void shouldKnowWhichNodesHoldAModel() {
        // Given
        node("a", entry("llama3:latest", 1));
        node("b", entry("phi3:mini", 1));
        node("c", entry("llama3", 1));

        // When
        registry.refreshAll().toCompletableFuture().join();

        // Then
        assertThat(registry.holders(ModelName.of("Llama3:latest"))).extracting(NodeState::name)
                .containsExactly("a", "c");
    }

    @Test
    void shouldShareOneFollowUpRefreshBetweenMissesThatArriveDuringARefresh() {
        // Given: a refresh of two nodes is under way
        node("a", entry("llama3:latest", 1));
        node("b", entry("phi3:mini", 1));
        CompletableFuture<Void> gate = new CompletableFuture<>();
        catalog.gate = gate;
        registry.refreshOnMiss();

        // When
        CompletionStage<Void> second = registry.refreshOnMiss();
        CompletionStage<Void> third = registry.refreshOnMiss();
        catalog.gate = CompletableFuture.completedFuture(null);
        gate.complete(null);

        // Then: one follow-up refresh, shared, on top of the first
        assertThat(third).isSameAs(second);
        assertThat(second.toCompletableFuture()).isDone();
        assertThat(catalog.availableCalls.get()).isEqualTo(4);
    }

    @Test
    void shouldFindAModelThatAppearedWhileARefreshWasUnderWay() {
        // Given: a refresh is under way, then a node gains a model
        node("a", entry("llama3:latest", 1));
        CompletableFuture<Void> gate = new CompletableFuture<>();
        catalog.gate = gate;
        registry.refreshAll();
        catalog.available.put("a", List.of(entry("llama3:latest", 1), entry("gemma3:latest", 2)));

        // When
        CompletionStage<Void> miss = registry.refreshOnMiss();
        catalog.gate = CompletableFuture.completedFuture(null);
        gate.complete(null);
        miss.toCompletableFuture().join();

        // Then
        assertThat(registry.holders(ModelName.of("gemma3"))).extracting(NodeState::name).containsExactly("a");
    }

    @Test
    void shouldKeepTheLastKnownListsWhenANodeFailsToAnswer() {
        // Given
        NodeState a = node("a", entry("llama3:latest", 1));
        registry.refresh(a).toCompletableFuture().join();
        catalog.gate = CompletableFuture.failedFuture(new IllegalStateException("connection refused"));

        // When
        registry.refresh(a).toCompletableFuture().join();

        // Then
        assertThat(registry.availableOn("a")).containsExactly(ModelName.of("llama3"));
    }

    private NodeState node(String name, ModelEntry... models) {
        NodeState state = fleet.add(Fixtures.anEndpoint(name)).orElseThrow();
        Fixtures.setStatus(state, NodeStatus.UP);
        catalog.available.put(name, List.of(models));
        return state;
    }
}
