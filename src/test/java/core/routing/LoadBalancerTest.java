package core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import core.TestClock;
import core.fleet.Fixtures;
import core.fleet.ModelName;
import core.fleet.Node;
import core.fleet.NodeState;
import core.fleet.NodeStatus;
import core.fleet.NodeType;

class LoadBalancerTest {

    private final LoadBalancer balancer = new LoadBalancer(
            (candidates, model) -> new Choice(candidates.get(0), RouteReason.ROUND_ROBIN));

    @Test
    void shouldPassOverNodesThatAreNotRoutable() {
        // Given
        NodeState down = Fixtures.up("down");
        Fixtures.setStatus(down, NodeStatus.DOWN);
        NodeState up = Fixtures.up("up");

        // When
        Optional<Lease> lease = balancer.lease(List.of(down, up), null);

        // Then
        assertThat(lease).map(Lease::endpoint).map(Node::name).contains("up");
        assertThat(up.inFlight()).isEqualTo(1);
        assertThat(down.inFlight()).isZero();
    }

    @Test
    void shouldPassOverANodeAtItsConcurrencyLimit() {
        // Given
        NodeState limited = Fixtures.up(new Node("limited", URI.create("http://h:1"), NodeType.OLLAMA, 0, 1,
                Duration.ofSeconds(1), Duration.ofSeconds(1)));
        NodeState other = Fixtures.up("other");
        balancer.lease(List.of(limited), null);

        // When
        Optional<Lease> lease = balancer.lease(List.of(limited, other), null);

        // Then
        assertThat(lease).map(Lease::endpoint).map(Node::name).contains("other");
        assertThat(limited.inFlight()).isEqualTo(1);
    }

    @Test
    void shouldPassOverANodeThatSaidItIsBusyWhileAnotherCanTakeTheRequestUntilItsTimeHasPassed() {
        // Given: the selector would take the first candidate, which has just said it is busy for 5 s
        TestClock clock = new TestClock();
        NodeState busy = Fixtures.up("busy", clock);
        NodeState other = Fixtures.up("other", clock);
        busy.busy(Duration.ofSeconds(5));

        // When
        Optional<Lease> whileBusy = balancer.lease(List.of(busy, other), null);
        Optional<Lease> alone = balancer.lease(List.of(busy), null);
        clock.advance(Duration.ofSeconds(5));
        Optional<Lease> after = balancer.lease(List.of(busy, other), null);

        // Then: passed over while another could serve, still tried alone, back once its time has passed
        assertThat(whileBusy).map(Lease::endpoint).map(Node::name).contains("other");
        assertThat(alone).map(Lease::endpoint).map(Node::name).contains("busy");
        assertThat(after).map(Lease::endpoint).map(Node::name).contains("busy");
    }

    @Test
    void shouldLeaseNothingWhenNoHolderIsRoutable() {
        // Given
        NodeState unknown = new NodeState(Fixtures.anEndpoint("new"));

        // When
        Optional<Lease> lease = balancer.lease(List.of(unknown), null);

        // Then
        assertThat(lease).isEmpty();
    }

    @Test
    void shouldCountAReleaseOnceHoweverOftenItIsCalled() {
        // Given
        NodeState node = Fixtures.up("a");
        Lease lease = balancer.lease(List.of(node), null).orElseThrow();

        // When
        lease.release();
        lease.release();

        // Then
        assertThat(node.inFlight()).isZero();
    }

    @Test
    void shouldCountARequestPerModelAndSayWhetherItPaysALoad() {
        // Given
        NodeState a = Fixtures.up("a");
        NodeState b = Fixtures.up("b");
        ModelName model = ModelName.of("llama3.2");

        // When
        Lease first = balancer.lease(List.of(a, b), model).orElseThrow();
        Lease second = balancer.lease(List.of(a, b), model).orElseThrow();
        int whileRunning = a.residency().inFlight(model);
        first.release();
        second.release();

        // Then: the first found the model cold, the second warm; both counted for the model until released
        assertThat(first.coldStart()).isTrue();
        assertThat(second.coldStart()).isFalse();
        assertThat(first.reason()).isEqualTo(RouteReason.ROUND_ROBIN);
        assertThat(whileRunning).isEqualTo(2);
        assertThat(a.residency().inFlight(model)).isZero();
        assertThat(a.residency().loaded(model)).isTrue();
    }

    @Test
    void shouldSayWhenTheOnlyHolderWasTheOnlyChoice() {
        // Given
        NodeState only = Fixtures.up("only");
        NodeState down = Fixtures.up("down");
        Fixtures.setStatus(down, NodeStatus.DOWN);

        // When
        Lease alone = balancer.lease(List.of(only), ModelName.of("m")).orElseThrow();
        Lease leftOver = balancer.lease(List.of(down, only), ModelName.of("m")).orElseThrow();

        // Then
        assertThat(alone.reason()).isEqualTo(RouteReason.ONLY_HOLDER);
        assertThat(leftOver.reason()).isEqualTo(RouteReason.ONLY_ROUTABLE);
    }
}
