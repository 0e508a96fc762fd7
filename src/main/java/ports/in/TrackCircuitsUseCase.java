package ports.in;

import java.time.Duration;

import core.fleet.CircuitState;

/**
 * What the engine's circuit breakers tell the fleet: a node's breaker changed state. An open breaker keeps the node
 * out of routing for {@code delay}; the change is told to {@link ports.out.ResilienceEvents} as well. Thread-safe.
 */
public interface TrackCircuitsUseCase {

    void circuitChanged(String node, CircuitState state, Duration delay);
}
