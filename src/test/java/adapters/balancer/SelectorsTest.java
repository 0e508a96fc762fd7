package adapters.balancer;

import static core.fleet.Fixtures.anEndpoint;
import static core.fleet.Fixtures.busy;
import static core.fleet.Fixtures.up;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import core.fleet.NodeState;
import ports.out.NodeSelector;

class SelectorsTest {

    @Test
    void shouldTakeCandidatesInExactRoundRobinOrder() {
        // Given
        List<NodeState> nodes = List.of(up("a"), up("b"), up("c"));
        NodeSelector selector = new RoundRobinSelector();

        // When
        List<String> picks = pick(selector, nodes, 7);

        // Then
        assertThat(picks).containsExactly("a", "b", "c", "a", "b", "c", "a");
    }

    @Test
    void shouldPickTheNodeWithFewestInFlight() {
        // Given
        List<NodeState> nodes = List.of(busy("a", 3), busy("b", 1), busy("c", 2));
        NodeSelector selector = new LeastConnectionsSelector();

        // When
        List<String> picks = pick(selector, nodes, 5);

        // Then
        assertThat(picks).containsOnly("b");
    }

    @Test
    void shouldBreakLeastConnectionsTiesInTurn() {
        // Given
        List<NodeState> nodes = List.of(busy("a", 1), busy("b", 1), busy("c", 4));
        NodeSelector selector = new LeastConnectionsSelector();

        // When
        List<String> picks = pick(selector, nodes, 4);

        // Then
        assertThat(picks).containsOnly("a", "b");
        assertThat(picks).filteredOn("a"::equals).hasSize(2);
    }

    @Test
    void shouldUseOnlyTheHighestPriorityTierInTurn() {
        // Given
        List<NodeState> nodes = List.of(up(anEndpoint("low", 1)), up(anEndpoint("gpu-a", 100)),
                up(anEndpoint("mid", 50)), up(anEndpoint("gpu-b", 100)));
        NodeSelector selector = new PrioritySelector();

        // When
        List<String> picks = pick(selector, nodes, 4);

        // Then
        assertThat(picks).containsExactly("gpu-a", "gpu-b", "gpu-a", "gpu-b");
    }

    @Test
    void shouldFallToTheNextTierWhenTheTopOneIsNotACandidate() {
        // Given
        List<NodeState> nodes = List.of(up(anEndpoint("low", 1)), up(anEndpoint("mid", 50)));
        NodeSelector selector = new PrioritySelector();

        // When
        List<String> picks = pick(selector, nodes, 3);

        // Then
        assertThat(picks).containsOnly("mid");
    }

    @Test
    void shouldGiveAThreeToOneWeightingThreeQuartersOfTheRequestsInRoundRobin() {
        // Given
        List<NodeState> nodes = List.of(up(anEndpoint("heavy").withCapacity(3, 1)), up("light"));
        NodeSelector selector = new RoundRobinSelector();

        // When
        List<String> picks = pick(selector, nodes, 1000);

        // Then: exactly 3 of every 4, interleaved rather than in runs
        assertThat(picks).filteredOn("heavy"::equals).hasSize(750);
        assertThat(picks.subList(0, 8)).containsExactly("heavy", "heavy", "light", "heavy", "heavy", "heavy",
                "light", "heavy");
    }

    @Test
    void shouldCompareInFlightPerWeightInLeastConnections() {
        // Given: two in flight on a weight-3 node weigh less than one on a weight-1 node
        NodeState heavy = up(anEndpoint("heavy").withCapacity(3, 1));
        heavy.tryAcquire();
        heavy.tryAcquire();
        List<NodeState> nodes = List.of(heavy, busy("light", 1));
        NodeSelector selector = new LeastConnectionsSelector();

        // When
        List<String> picks = pick(selector, nodes, 3);

        // Then
        assertThat(picks).containsOnly("heavy");
    }

    private static List<String> pick(NodeSelector selector, List<NodeState> nodes, int times) {
        List<String> picks = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            picks.add(selector.select(nodes, null).node().name());
        }
        return picks;
    }
}
