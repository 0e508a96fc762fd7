package core.fleet;

import java.time.Duration;

import ports.in.TrackCircuitsUseCase;
import ports.out.ResilienceEvents;

/** Keeps each node's circuit as its breaker reports it, and tells the change on. */
public final class CircuitTracker implements TrackCircuitsUseCase {

    private final Fleet fleet;
    private final ResilienceEvents events;

    public CircuitTracker(Fleet fleet, ResilienceEvents events) {
        this.fleet = fleet;
        this.events = events;
    }

    @Override
    public void circuitChanged(String node, CircuitState state, Duration delay) {
        fleet.get(node).ifPresent(endpoint -> {
            endpoint.circuit(state, delay);
            events.circuitChanged(node, state);
        });
    }
}
