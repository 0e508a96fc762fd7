package core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FleetTest {

    private final Fleet fleet = new Fleet();

    @Test
    void shouldTakeADrainedNodeOutOfRotationAndPutItBack() {
        // Given
        NodeState node = fleet.add(Fixtures.anEndpoint("gpu")).orElseThrow();
        node.status(NodeStatus.UP);

        // When
        fleet.drain("gpu", true);

        // Then
        assertThat(node.routable()).isFalse();
        assertThat(node.drained()).isTrue();

        // When
        fleet.drain("gpu", false);

        // Then
        assertThat(node.routable()).isTrue();
    }

    @Test
    void shouldKeepANameDrainedWhenItsNodeLeavesAndComesBack() {
        // Given
        fleet.add(Fixtures.anEndpoint("laptop"), NodeOrigin.HEARTBEAT);
        fleet.drain("laptop", true);

        // When
        fleet.remove("laptop");
        NodeState back = fleet.add(Fixtures.anEndpoint("laptop"), NodeOrigin.HEARTBEAT).orElseThrow();

        // Then
        assertThat(back.drained()).isTrue();
        assertThat(back.origin()).isEqualTo(NodeOrigin.HEARTBEAT);
    }

    @Test
    void shouldDrainANameBeforeItsNodeJoins() {
        // When
        assertThat(fleet.drain("relay-node", true)).isEmpty();
        NodeState joined = fleet.add(Fixtures.anEndpoint("relay-node")).orElseThrow();

        // Then
        assertThat(joined.drained()).isTrue();
    }
}
