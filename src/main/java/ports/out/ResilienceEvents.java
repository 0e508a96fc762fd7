package ports.out;

import java.time.Duration;

import core.fleet.CircuitState;

/**
 * What the resilience machinery does, told as it happens, for metrics and logs (the observability adapter exports
 * them). Every event is ignored unless a listener overrides it. Implementations are called on event loops and the scheduler thread: they must be fast and never block.
 */
public interface ResilienceEvents {

    /** An attempt on {@code endpoint} failed before its first byte ({@code reason}) and another node was tried. */
    default void retried(String endpoint, String reason) {
    }

    /** A request began to wait for a free node slot; {@code depth} requests wait now, this one included. */
    default void queued(int depth) {
    }

    /** A waiting request got a slot after {@code waited}. */
    default void admitted(Duration waited) {
    }

    /** A request was refused without reaching a node: {@code queue_full}, {@code queue_timeout} or {@code draining}. */
    default void rejected(String reason) {
    }

    /** A node's circuit breaker changed state. */
    default void circuitChanged(String endpoint, CircuitState state) {
    }

    /** Tells nobody. */
    ResilienceEvents NONE = new ResilienceEvents() {
    };
}
