package core.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import core.FakeCatalog;
import core.TestClock;
import core.fleet.Fixtures;
import core.fleet.Fleet;
import core.fleet.ModelName;
import core.fleet.ModelRegistry;
import core.fleet.NodeState;
import core.fleet.NodeStatus;

class ModelSyncTest {

    private static final Duration INTERVAL = Duration.ofSeconds(30);

    private final TestClock clock = new TestClock();
    private final Fleet fleet = new Fleet(clock);
    private final FakeCatalog catalog = new FakeCatalog();
    private final ModelRegistry registry = new ModelRegistry(catalog, fleet, clock);
    private final FakeNodeModels nodes = new FakeNodeModels();
    private final Quiet observer = new Quiet();
    private ModelPlan plan = ModelPlan.NONE;
    private final ModelSync sync = new ModelSync(fleet, registry, nodes, observer, () -> plan);

    @Test
    void shouldPullWhatIsMissingOnlyOnNodesThatAreUpAndListed() {
        // Given: a has it, b lacks it, c is down, d has not been listed yet
        plan = plan(List.of(want("qwen3:8b", Map.of())), List.of(), 1);
        node("a", NodeStatus.UP, true, "qwen3:8b");
        node("b", NodeStatus.UP, true, "llama3.2");
        node("c", NodeStatus.DOWN, true);
        node("d", NodeStatus.UP, false);

        // When
        sync.tick();

        // Then
        assertThat(nodes.calls).extracting(FakeNodeModels.Call::node).containsExactly("b");
        assertThat(nodes.last("b").task().operation()).isEqualTo(ModelOperation.PULL);
        assertThat(state("a", "qwen3:8b")).isEqualTo(SyncState.PRESENT);
        assertThat(state("b", "qwen3:8b")).isEqualTo(SyncState.RUNNING);
    }

    @Test
    void shouldRunAtMostItsPullsPerNodeAndStartTheNextWhenOneEnds() {
        // Given
        plan = plan(List.of(want("qwen3:8b", Map.of()), want("gemma3", Map.of())), List.of(), 1);
        node("a", NodeStatus.UP, true);
        sync.tick();
        assertThat(nodes.runningOn("a")).isEqualTo(1);
        assertThat(state("a", "gemma3")).isEqualTo(SyncState.WAITING);

        // When: the first pull ends and the node lists the model
        catalog.available.put("a", List.of(FakeCatalog.entry("qwen3:8b", 1)));
        nodes.last("a").result().complete(null);

        // Then
        assertThat(nodes.calls).hasSize(2);
        assertThat(nodes.last("a").task().model()).isEqualTo(ModelName.of("gemma3"));
        assertThat(state("a", "qwen3:8b")).isEqualTo(SyncState.PRESENT);
        assertThat(entry("a", "qwen3:8b").pulledByDrover()).isTrue();
    }

    @Test
    void shouldRetryAFailedPullAfterADoublingWait() {
        // Given
        plan = plan(List.of(want("qwen3:8b", Map.of())), List.of(), 1);
        node("a", NodeStatus.UP, true);
        sync.tick();
        nodes.last("a").result().completeExceptionally(new ModelTaskFailedException("a", 500, "connection reset"));

        // When: a look before the wait is over, then one after it
        clock.advance(INTERVAL.minusSeconds(1));
        sync.tick();
        int before = nodes.calls.size();
        clock.advance(Duration.ofSeconds(1));
        sync.tick();

        // Then
        assertThat(before).isEqualTo(1);
        assertThat(nodes.calls).hasSize(2);
        nodes.last("a").result().completeExceptionally(new ModelTaskFailedException("a", 500, "again"));
        SyncEntry failed = entry("a", "qwen3:8b");
        assertThat(failed.state()).isEqualTo(SyncState.RETRYING);
        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(failed.lastError()).isEqualTo("again");
        assertThat(failed.nextTry()).isEqualTo(clock.instant().plus(INTERVAL.multipliedBy(2)));
        assertThat(observer.failures).isEqualTo(2);
    }

    @Test
    void shouldPreloadWhereTheNodeHasTheModelAndIsIdle() {
        // Given: a has it and is idle, b has it and serves a request, c lacks it, e has it loaded
        plan = plan(List.of(), List.of(new ModelPlan.Want(ModelName.of("llama3.2"), List.of(), Map.of(), "-1")), 1);
        node("a", NodeStatus.UP, true, "llama3.2");
        node("b", NodeStatus.UP, true, "llama3.2").tryAcquire();
        node("c", NodeStatus.UP, true, "qwen3:8b");
        catalog.loaded.put("e", List.of(FakeCatalog.entry("llama3.2", 1)));
        node("e", NodeStatus.UP, true, "llama3.2");

        // When
        sync.tick();

        // Then
        assertThat(nodes.calls).extracting(FakeNodeModels.Call::node).containsExactly("a");
        assertThat(nodes.last("a").task().operation()).isEqualTo(ModelOperation.PRELOAD);
        assertThat(nodes.last("a").task().keepAlive()).isEqualTo("-1");
        assertThat(state("b", "llama3.2")).isEqualTo(SyncState.WAITING);
        assertThat(state("c", "llama3.2")).isEqualTo(SyncState.MISSING);
        assertThat(state("e", "llama3.2")).isEqualTo(SyncState.PRESENT);
    }

    @Test
    void shouldKeepToTheNodesItsLabelsNameAndForgetWhatIsNoLongerWanted() {
        // Given
        plan = plan(List.of(want("qwen3:8b", Map.of("gpu", "a100"))), List.of(), 1);
        fleet.add(Fixtures.anEndpoint("gpu").withLabels(Map.of("gpu", "a100")));
        up("gpu", true);
        node("cpu", NodeStatus.UP, true);
        sync.tick();
        nodes.last("gpu").result().completeExceptionally(new ModelTaskFailedException("gpu", 500, "reset"));

        // When
        plan = ModelPlan.NONE;
        sync.tick();

        // Then
        assertThat(nodes.calls).extracting(FakeNodeModels.Call::node).containsExactly("gpu");
        assertThat(sync.syncStatus()).isEmpty();
        assertThat(nodes.calls).noneMatch(c -> c.task().operation() == ModelOperation.DELETE);
    }

    @Test
    void shouldNotPullAgainBeforeTheNextLookWhenTheNodeDoesNotListWhatItPulled() {
        // Given: a pull that succeeds, but the node's list does not show the model
        plan = plan(List.of(want("qwen3:8b", Map.of())), List.of(), 1);
        node("a", NodeStatus.UP, true);
        sync.tick();

        // When
        nodes.last("a").result().complete(null);
        sync.tick();
        int within = nodes.calls.size();
        clock.advance(INTERVAL);
        sync.tick();

        // Then: one pull per look, not one after another
        assertThat(within).isEqualTo(1);
        assertThat(nodes.calls).hasSize(2);
    }

    @Test
    void shouldDoubleTheWaitUpToItsLongest() {
        ModelPlan p = new ModelPlan(List.of(), List.of(), Duration.ofSeconds(10), 1, Duration.ofSeconds(45));
        assertThat(ModelSync.backoff(p, 1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(ModelSync.backoff(p, 3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(ModelSync.backoff(p, 9)).isEqualTo(Duration.ofSeconds(45));
    }

    private NodeState node(String name, NodeStatus status, boolean listed, String... models) {
        fleet.add(Fixtures.anEndpoint(name));
        catalog.available.put(name, java.util.Arrays.stream(models).map(m -> FakeCatalog.entry(m, 1)).toList());
        return up(name, listed, status);
    }

    private NodeState up(String name, boolean listed) {
        return up(name, listed, NodeStatus.UP);
    }

    private NodeState up(String name, boolean listed, NodeStatus status) {
        NodeState state = fleet.get(name).orElseThrow();
        Fixtures.setStatus(state, status);
        if (listed) {
            registry.refresh(state).toCompletableFuture().join();
        }
        return state;
    }

    private SyncState state(String node, String model) {
        return entry(node, model).state();
    }

    private SyncEntry entry(String node, String model) {
        String canonical = ModelName.of(model).canonical();
        return sync.syncStatus().stream().filter(e -> e.node().equals(node) && e.model().equals(canonical))
                .findFirst().orElseThrow(() -> new AssertionError("no entry for " + model + " on " + node));
    }

    private static ModelPlan.Want want(String model, Map<String, String> labels) {
        return new ModelPlan.Want(ModelName.of(model), List.of(), labels, null);
    }

    private static ModelPlan plan(List<ModelPlan.Want> required, List<ModelPlan.Want> preload, int pulls) {
        return new ModelPlan(required, preload, INTERVAL, pulls, Duration.ofMinutes(10));
    }

    private static final class Quiet implements ports.out.ModelSyncObserver {

        int failures;

        @Override
        public void started(String node, String model, String kind) {
        }

        @Override
        public void done(String node, String model, String kind, java.time.Duration took) {
        }

        @Override
        public void failed(String node, String model, String kind, String reason, int attempts,
                java.time.Instant nextTry) {
            failures++;
        }
    }
}
