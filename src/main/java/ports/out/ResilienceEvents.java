package ports.out;

import java.time.Duration;

import core.CircuitState;

/**
 * What the resilience machinery does, told as it happens, for metrics and logs (the observability adapter exports
 * them). Implementations are called on event loops and the scheduler thread: they must be fast and never block.
 */
public interface ResilienceEvents {

    /** An attempt on {@code endpoint} failed before its first byte ({@code reason}) and another node was tried. */
    void retried(String endpoint, String reason);

    /** A request began to wait for a free node slot; {@code depth} requests wait now, this one included. */
    void queued(int depth);

    /** A waiting request got a slot after {@code waited}. */
    void admitted(Duration waited);

    /** A request was refused without reaching a node: {@code queue_full}, {@code queue_timeout} or {@code draining}. */
    void rejected(String reason);

    /** A node's circuit breaker changed state. */
    void circuitChanged(String endpoint, CircuitState state);

    /** Tells nobody. */
    ResilienceEvents NONE = new ResilienceEvents() {

        @Override
        public void retried(String endpoint, String reason) {
        }

        @Override
        public void queued(int depth) {
        }

        @Override
        public void admitted(Duration waited) {
        }

        @Override
        public void rejected(String reason) {
        }

        @Override
        public void circuitChanged(String endpoint, CircuitState state) {
        }
    };
}
