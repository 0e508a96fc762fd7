package core.fleet;

/** A node's circuit breaker as the proxy engine reports it. */
public enum CircuitState {
    /** Requests flow; failures are counted. */
    CLOSED,
    /** Too many recent failures: the node gets no requests until the breaker's delay has passed. */
    OPEN,
    /** The delay has passed: trial requests decide between closing and opening again. */
    HALF_OPEN
}
