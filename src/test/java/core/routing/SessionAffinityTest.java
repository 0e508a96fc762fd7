package core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import core.TestClock;
import core.fleet.Fixtures;
import core.fleet.ModelName;
import core.fleet.NodeState;
import core.fleet.NodeStatus;

/** A session's requests go back to its node while the node can take them, and move when it cannot. */
class SessionAffinityTest {

    private static final ModelName MODEL = ModelName.of("llama3.2");
    private static final long SESSION = 42;

    private final TestClock clock = new TestClock();
    private final AtomicInteger turn = new AtomicInteger();
    /** A selector that takes candidates in turn, as round-robin would: without affinity, turns alternate. */
    private final LoadBalancer balancer = new LoadBalancer(
            (candidates, model) -> new Choice(candidates.get(turn.getAndIncrement() % candidates.size()),
                    RouteReason.ROUND_ROBIN),
            new SessionPins(true, Duration.ofMinutes(15), 100, 1.25, clock));

    @Test
    void shouldSendEveryTurnOfASessionToTheNodeOfItsFirst() {
        // Given
        List<NodeState> nodes = List.of(Fixtures.up("a"), Fixtures.up("b"), Fixtures.up("c"));
        Lease first = balancer.lease(nodes, MODEL, SESSION).orElseThrow();
        first.release();

        // When: turns one after another
        List<Lease> later = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Lease next = lease(nodes);
            next.release();
            later.add(next);
        }

        // Then
        assertThat(first.affinity()).isEqualTo(Affinity.MISS);
        assertThat(later).allSatisfy(l -> {
            assertThat(l.state().name()).isEqualTo(first.state().name());
            assertThat(l.affinity()).isEqualTo(Affinity.HIT);
            assertThat(l.reason()).isEqualTo(RouteReason.SESSION);
        });
    }

    @Test
    void shouldMoveASessionWhoseNodeWentDownAndStayOnItsNewNodeWhenTheOldOneComesBack() {
        // Given
        NodeState a = Fixtures.up("a");
        NodeState b = Fixtures.up("b");
        List<NodeState> nodes = List.of(a, b);
        NodeState home = lease(nodes).state();
        NodeState other = home == a ? b : a;
        Fixtures.setStatus(home, NodeStatus.DOWN);

        // When
        Lease moved = lease(nodes);
        Fixtures.setStatus(home, NodeStatus.UP);
        Lease after = lease(nodes);

        // Then
        assertThat(moved.state()).isSameAs(other);
        assertThat(moved.affinity()).isEqualTo(Affinity.MOVED);
        assertThat(after.state()).isSameAs(other);
        assertThat(after.affinity()).isEqualTo(Affinity.HIT);
    }

    @Test
    void shouldMoveASessionWhoseNodeIsAboveItsShareOfTheLoad() {
        // Given: the session's node has its one slot taken and 3 in flight against 0 elsewhere
        NodeState a = Fixtures.up("a");
        NodeState b = Fixtures.up("b");
        List<NodeState> nodes = List.of(a, b);
        NodeState home = lease(nodes).state();
        NodeState other = home == a ? b : a;
        for (int i = 0; i < 2; i++) {
            balancer.lease(List.of(home), MODEL);
        }

        // When
        Lease next = lease(nodes);

        // Then: ceil(1.25 x (3 + 1) / 2) = 3 < 4
        assertThat(next.state()).isSameAs(other);
        assertThat(next.affinity()).isEqualTo(Affinity.MOVED);
    }

    @Test
    void shouldKeepASessionOnItsNodeWithinItsShareOfTheLoad() {
        // Given: 2 in flight on the session's node, 2 on the other
        NodeState a = Fixtures.up("a");
        NodeState b = Fixtures.up("b");
        List<NodeState> nodes = List.of(a, b);
        NodeState home = lease(nodes).state();
        NodeState other = home == a ? b : a;
        balancer.lease(List.of(home), MODEL);
        balancer.lease(List.of(other), MODEL);
        balancer.lease(List.of(other), MODEL);

        // When
        Lease next = lease(nodes);

        // Then: ceil(1.25 x (4 + 1) / 2) = 4 >= 3
        assertThat(next.state()).isSameAs(home);
        assertThat(next.affinity()).isEqualTo(Affinity.HIT);
    }

    @Test
    void shouldForgetASessionAfterItsTtlOfSilence() {
        // Given
        List<NodeState> nodes = List.of(Fixtures.up("a"), Fixtures.up("b"));
        lease(nodes).release();
        clock.advance(Duration.ofMinutes(10));
        assertThat(lease(nodes).affinity()).isEqualTo(Affinity.HIT);

        // When: the ttl slides from the last use
        clock.advance(Duration.ofMinutes(16));
        Lease late = lease(nodes);

        // Then
        assertThat(late.affinity()).isEqualTo(Affinity.MISS);
    }

    @Test
    void shouldKeepAtMostMaxSessionsForgettingTheLeastRecentlyUsed() {
        // Given
        SessionPins pins = new SessionPins(true, Duration.ofMinutes(15), 2, 1.25, clock);

        // When
        pins.pin(1, MODEL, "a");
        pins.pin(2, MODEL, "a");
        pins.pinned(1, MODEL);
        pins.pin(3, MODEL, "b");

        // Then
        assertThat(pins.size()).isEqualTo(2);
        assertThat(pins.pinned(1, MODEL)).isEqualTo("a");
        assertThat(pins.pinned(2, MODEL)).isNull();
        assertThat(pins.pinned(3, MODEL)).isEqualTo("b");
    }

    @Test
    void shouldLeaveRequestsWithoutASessionToTheSelector() {
        // Given
        List<NodeState> nodes = List.of(Fixtures.up("a"), Fixtures.up("b"));

        // When
        Lease one = balancer.lease(nodes, MODEL, ProxyRequest.NO_SESSION).orElseThrow();
        Lease two = balancer.lease(nodes, MODEL, ProxyRequest.NO_SESSION).orElseThrow();

        // Then
        assertThat(one.state()).isNotSameAs(two.state());
        assertThat(one.affinity()).isEqualTo(Affinity.NONE);
    }

    private Lease lease(List<NodeState> nodes) {
        return balancer.lease(nodes, MODEL, SESSION).orElseThrow();
    }
}
