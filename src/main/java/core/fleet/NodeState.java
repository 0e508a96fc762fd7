package core.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import core.Ticker;

/**
 * The live state of one node: health, in-flight count, the last probe's outcome, whether an operator drained it, and
 * its models' residency.
 * Thread-safe; read on the hot path without locks.
 */
public final class NodeState {

    private volatile Node endpoint;
    private final NodeOrigin origin;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile NodeStatus status = NodeStatus.UNKNOWN;
    private volatile Instant lastCheck;
    private volatile String lastError;
    private volatile String version;
    private volatile NodeType type;
    private volatile CircuitState circuit = CircuitState.CLOSED;
    private final Ticker ticker;
    private final Residency residency;
    private volatile long openUntilNanos;
    private volatile long busyUntilNanos;
    private volatile boolean busyMarked;
    private volatile boolean stale;
    private volatile boolean drained;

    public NodeState(Node endpoint) {
        this(endpoint, endpoint.viaRelay() ? NodeOrigin.RELAY : NodeOrigin.CONFIG);
    }

    public NodeState(Node endpoint, NodeOrigin origin) {
        this(endpoint, origin, Ticker.system());
    }

    public NodeState(Node endpoint, NodeOrigin origin, Ticker ticker) {
        this.ticker = ticker;
        this.residency = new Residency(ticker);
        this.endpoint = endpoint;
        this.origin = origin;
        this.type = endpoint.type() == NodeType.AUTO ? null : endpoint.type();
    }

    /**
     * The protocol the node speaks: as configured, or for {@code type: auto} as the first successful probe found
     * (null until then: such a node is not routable yet).
     */
    public NodeType type() {
        return type;
    }

    public Node endpoint() {
        return endpoint;
    }

    /**
     * Whether {@code next} can take this node's place in it: the same name at the same address, speaking the same
     * protocol, so what was learned about the node (health, models, residency) still holds.
     */
    public boolean sameServer(Node next) {
        Node now = endpoint;
        return now.name().equals(next.name()) && now.url().equals(next.url()) && now.type() == next.type()
                && now.viaRelay() == next.viaRelay();
    }

    /**
     * New settings for the same server ({@link #sameServer}): priority, weight, limits, labels, probe settings and
     * credentials apply from the next request and probe on; requests in flight keep theirs.
     */
    void reconfigure(Node next) {
        if (!sameServer(next)) {
            throw new IllegalArgumentException("node '" + next.name() + "' is another server now");
        }
        endpoint = next;
    }

    public NodeOrigin origin() {
        return origin;
    }

    public String name() {
        return endpoint.name();
    }

    public NodeStatus status() {
        return status;
    }

    /**
     * Up, of a known type, not drained, and not behind an open circuit breaker. Once the breaker's delay has passed
     * the node is routable again so that a trial request can reach it (the breaker then half-opens).
     */
    public boolean routable() {
        return status.routable() && type != null && !stale && !drained
                && (circuit != CircuitState.OPEN || ticker.nanoTime() - openUntilNanos >= 0);
    }

    /** A node that registers itself by heartbeat and has missed them: kept, but not routable, until it beats again. */
    public boolean stale() {
        return stale;
    }

    public void stale(boolean missedHeartbeats) {
        stale = missedHeartbeats;
    }

    /** Drained by an operator: takes no new request; the requests it has in flight finish. */
    public boolean drained() {
        return drained;
    }

    void drained(boolean drained) {
        this.drained = drained;
    }

    public CircuitState circuit() {
        return circuit;
    }

    /** Set by the proxy engine's circuit breaker; {@code openFor} is its delay (used when the state is OPEN). */
    public void circuit(CircuitState state, Duration openFor) {
        if (state == CircuitState.OPEN) {
            openUntilNanos = ticker.nanoTime() + openFor.toNanos();
        }
        circuit = state;
    }

    /**
     * The node said it is busy: other nodes that can take a request are preferred until {@code passOverFor} has passed
     * ({@code core.routing.LoadBalancer}); with no other, it is still tried.
     */
    public void busy(Duration passOverFor) {
        busyUntilNanos = ticker.nanoTime() + passOverFor.toNanos();
        busyMarked = true;
    }

    /** Whether the node said it is busy within its pass-over time. */
    public boolean busy() {
        return busyMarked && ticker.nanoTime() - busyUntilNanos < 0;
    }

    /** Until when the node is passed over for having said it is busy; null when it is not. */
    public Instant busyUntil() {
        long left = busyUntilNanos - ticker.nanoTime();
        return busyMarked && left > 0 ? ticker.instant().plusNanos(left) : null;
    }

    /** The models in the node's memory, Drover's requests per model there, and what their answers taught. */
    public Residency residency() {
        return residency;
    }

    /**
     * Whether {@code model} is in the node's memory: as its residency says on an Ollama node; always on an
     * OpenAI-compatible server, which serves the models it lists and cannot say more.
     */
    public boolean warm(ModelName model) {
        return type == NodeType.OPENAI || residency.loaded(model);
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Counts one more request unless the node's {@code max_concurrency} is reached; false when it is. */
    public boolean tryAcquire() {
        int limit = endpoint.maxConcurrency();
        while (true) {
            int current = inFlight.get();
            if (limit > 0 && current >= limit) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    public void release() {
        inFlight.decrementAndGet();
    }

    public Instant lastCheck() {
        return lastCheck;
    }

    public String lastError() {
        return lastError;
    }

    public String version() {
        return version;
    }

    void recordSuccess(Instant at, NodeReport report) {
        lastCheck = at;
        lastError = null;
        if (report.version() != null) {
            version = report.version();
        }
        if (type == null) {
            type = report.type();
        }
    }

    void recordFailure(Instant at, String error) {
        lastCheck = at;
        lastError = error;
    }

    void status(NodeStatus newStatus) {
        status = newStatus;
    }
}
