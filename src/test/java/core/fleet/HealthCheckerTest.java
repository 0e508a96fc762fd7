package core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthCheckerTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<NodeStatus> changes = new CopyOnWriteArrayList<>();
    private final AtomicInteger probes = new AtomicInteger();
    private volatile boolean alive = true;
    private final List<NodeType> probedAs = new CopyOnWriteArrayList<>();
    private final HealthChecker checker = new HealthChecker((endpoint, as) -> {
        probes.incrementAndGet();
        probedAs.add(as);
        return alive
                ? CompletableFuture.completedFuture(new NodeReport(NodeType.OPENAI.equals(as)
                        || endpoint.name().startsWith("vllm") ? NodeType.OPENAI : NodeType.OLLAMA,
                        endpoint.name().startsWith("vllm") ? null : "0.12.6"))
                : CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
    }, scheduler, Clock.systemUTC(), new HealthPolicy(2, 2, Duration.ofMillis(40)),
            (state, from, to) -> changes.add(to));
    private final NodeState node = new NodeState(new Node("a", URI.create("http://h:1"),
            NodeType.OLLAMA, 0, 0, Duration.ofMillis(5), Duration.ofMillis(50)));

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void shouldMarkANewNodeUpOnItsFirstGoodProbe() {
        // When
        checker.watch(node);

        // Then
        await(() -> node.status() == NodeStatus.UP);
        assertThat(node.version()).isEqualTo("0.12.6");
        assertThat(changes).containsExactly(NodeStatus.UP);
    }

    @Test
    void shouldLearnAnAutoTypedNodesProtocolFromItsFirstGoodProbeAndKeepIt() {
        // Given
        NodeState auto = new NodeState(new Node("vllm-1", URI.create("http://h:2/v1"),
                NodeType.AUTO, 0, 0, Duration.ofMillis(5), Duration.ofMillis(50)));
        assertThat(auto.type()).isNull();

        // When
        checker.watch(auto);

        // Then
        await(() -> auto.status() == NodeStatus.UP && probedAs.size() >= 3);
        assertThat(auto.type()).isEqualTo(NodeType.OPENAI);
        assertThat(auto.routable()).isTrue();
        assertThat(probedAs.get(0)).isEqualTo(NodeType.AUTO);
        assertThat(probedAs.subList(1, probedAs.size())).containsOnly(NodeType.OPENAI);
    }

    @Test
    void shouldMarkANodeDownAfterConsecutiveFailuresAndUpAfterConsecutiveSuccesses() {
        // Given
        checker.watch(node);
        await(() -> node.status() == NodeStatus.UP);

        // When
        alive = false;
        await(() -> node.status() == NodeStatus.DOWN);
        alive = true;
        await(() -> node.status() == NodeStatus.UP);

        // Then
        assertThat(changes).containsExactly(NodeStatus.UP, NodeStatus.DOWN, NodeStatus.UP);
        assertThat(node.lastError()).isNull();
    }

    @Test
    void shouldRecordWhyTheNodeIsDown() {
        // Given
        alive = false;

        // When
        checker.watch(node);

        // Then
        await(() -> node.status() == NodeStatus.DOWN);
        assertThat(node.lastError()).isEqualTo("connection refused");
    }

    @Test
    void shouldStopProbingAnUnwatchedNode() throws InterruptedException {
        // Given
        checker.watch(node);
        await(() -> node.status() == NodeStatus.UP);

        // When
        checker.unwatch(node);
        Thread.sleep(20);
        int after = probes.get();
        Thread.sleep(50);

        // Then
        assertThat(probes.get()).isEqualTo(after);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5s");
            }
            Thread.onSpinWait();
        }
    }
}
