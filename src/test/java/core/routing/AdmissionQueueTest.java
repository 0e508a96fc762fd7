package core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import core.TestClock;
import core.fleet.Fixtures;
import core.fleet.Node;
import core.fleet.NodeState;
import core.fleet.NodeType;

/** Who gets a freed slot: priority, then age, then arrival; and how waiting ends. */
class AdmissionQueueTest {

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final TestClock clock = new TestClock();
    private final LoadBalancer balancer = new LoadBalancer(
            (candidates, model) -> new Choice(candidates.get(0), RouteReason.ROUND_ROBIN));
    private final NodeState node = Fixtures.up(new Node("solo", URI.create("http://h:1"),
            NodeType.OLLAMA, 0, 1, Duration.ofSeconds(5), Duration.ofSeconds(2)));
    private final List<NodeState> candidates = List.of(node);

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    @Test
    void shouldGiveAFreedSlotToTheHighestPriorityThenTheEarliest() {
        // Given: the node's one slot is taken; three wait
        AdmissionQueue queue = queue(10, Duration.ofMinutes(1), Duration.ofMinutes(10));
        Lease busy = balancer.lease(candidates, null).orElseThrow();
        CompletableFuture<Lease> low = queue.await(candidates, null, 2);
        CompletableFuture<Lease> firstHigh = queue.await(candidates, null, 8);
        CompletableFuture<Lease> secondHigh = queue.await(candidates, null, 8);

        // When / Then
        busy.release();
        assertThat(firstHigh).isCompleted();
        assertThat(secondHigh).isNotDone();
        firstHigh.join().release();
        assertThat(secondHigh).isCompleted();
        secondHigh.join().release();
        assertThat(low).isCompleted();
        assertThat(node.inFlight()).isEqualTo(1);
    }

    @Test
    void shouldLetALowPriorityRequestThatWaitedLongEnoughGoFirst() {
        // Given: ageing of 1 s per level; a priority-1 request has waited 8 s when a priority-8 one arrives
        AdmissionQueue queue = queue(10, Duration.ofMinutes(1), Duration.ofSeconds(1));
        Lease busy = balancer.lease(candidates, null).orElseThrow();
        CompletableFuture<Lease> old = queue.await(candidates, null, 1);
        clock.advance(Duration.ofSeconds(8));
        CompletableFuture<Lease> urgent = queue.await(candidates, null, 8);

        // When
        busy.release();

        // Then: 1 + 8 levels of age beats 8
        assertThat(old).isCompleted();
        assertThat(urgent).isNotDone();
    }

    @Test
    void shouldRefuseAtOnceWhenTheQueueIsFull() {
        AdmissionQueue queue = queue(2, Duration.ofMinutes(1), Duration.ofSeconds(5));
        balancer.lease(candidates, null).orElseThrow();
        queue.await(candidates, null, 5);
        queue.await(candidates, null, 5);

        assertThatThrownBy(() -> queue.await(candidates, null, 5).join()).hasCauseInstanceOf(QueueFullException.class)
                .hasMessageContaining("2 requests are already waiting");
    }

    @Test
    void shouldGiveUpAfterTheLongestWait() {
        AdmissionQueue queue = queue(2, Duration.ofMillis(50), Duration.ofSeconds(5));
        balancer.lease(candidates, null).orElseThrow();

        CompletableFuture<Lease> waiting = queue.await(candidates, null, 5);

        assertThatThrownBy(waiting::join).hasCauseInstanceOf(QueueFullException.class)
                .hasMessageContaining("proxy.queue.max_wait");
        assertThat(queue.size()).isZero();
    }

    @Test
    void shouldForgetAWaiterWhoseClientLeft() {
        // Given
        AdmissionQueue queue = queue(5, Duration.ofMinutes(1), Duration.ofSeconds(5));
        Lease busy = balancer.lease(candidates, null).orElseThrow();
        CompletableFuture<Lease> gone = queue.await(candidates, null, 9);
        CompletableFuture<Lease> staying = queue.await(candidates, null, 1);

        // When
        gone.cancel(false);
        busy.release();

        // Then
        assertThat(queue.size()).isZero();
        assertThat(staying).isCompleted();
        assertThat(node.inFlight()).isEqualTo(1);
    }

    private AdmissionQueue queue(int maxSize, Duration maxWait, Duration ageing) {
        return new AdmissionQueue(balancer, timers, clock, maxSize, maxWait, ageing,
                ports.out.ResilienceEvents.NONE);
    }
}
