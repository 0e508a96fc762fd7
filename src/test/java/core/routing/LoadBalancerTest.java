package core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import core.fleet.Endpoint;
import core.fleet.EndpointState;
import core.fleet.EndpointStatus;
import core.fleet.EndpointType;
import core.fleet.Fixtures;

class LoadBalancerTest {

    private final LoadBalancer balancer = new LoadBalancer(candidates -> candidates.get(0));

    @Test
    void shouldPassOverNodesThatAreNotRoutable() {
        // Given
        EndpointState down = Fixtures.up("down");
        Fixtures.setStatus(down, EndpointStatus.DOWN);
        EndpointState up = Fixtures.up("up");

        // When
        Optional<Lease> lease = balancer.lease(List.of(down, up));

        // Then
        assertThat(lease).map(Lease::endpoint).map(Endpoint::name).contains("up");
        assertThat(up.inFlight()).isEqualTo(1);
        assertThat(down.inFlight()).isZero();
    }

    @Test
    void shouldPassOverANodeAtItsConcurrencyLimit() {
        // Given
        EndpointState limited = Fixtures.up(new Endpoint("limited", URI.create("http://h:1"), EndpointType.OLLAMA, 0, 1,
                Duration.ofSeconds(1), Duration.ofSeconds(1)));
        EndpointState other = Fixtures.up("other");
        balancer.lease(List.of(limited));

        // When
        Optional<Lease> lease = balancer.lease(List.of(limited, other));

        // Then
        assertThat(lease).map(Lease::endpoint).map(Endpoint::name).contains("other");
        assertThat(limited.inFlight()).isEqualTo(1);
    }

    @Test
    void shouldLeaseNothingWhenNoHolderIsRoutable() {
        // Given
        EndpointState unknown = new EndpointState(Fixtures.anEndpoint("new"));

        // When
        Optional<Lease> lease = balancer.lease(List.of(unknown));

        // Then
        assertThat(lease).isEmpty();
    }

    @Test
    void shouldCountAReleaseOnceHoweverOftenItIsCalled() {
        // Given
        EndpointState node = Fixtures.up("a");
        Lease lease = balancer.lease(List.of(node)).orElseThrow();

        // When
        lease.release();
        lease.release();

        // Then
        assertThat(node.inFlight()).isZero();
    }
}
