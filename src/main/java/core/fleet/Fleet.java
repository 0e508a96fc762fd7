package core.fleet;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import core.Ticker;

/**
 * The nodes currently known, in the order they were added. Reads are lock-free snapshots. Drained names are kept
 * apart from the nodes, so a drained node that leaves and comes back (a heartbeat node moving, a relay node
 * reconnecting) is still drained.
 */
public final class Fleet {

    private final ConcurrentMap<String, EndpointState> byName = new ConcurrentHashMap<>();
    private final Set<String> drainedNames = ConcurrentHashMap.newKeySet();
    private volatile List<EndpointState> all = List.of();
    private final Ticker ticker;

    /** A fleet on the machine's clocks. */
    public Fleet() {
        this(Ticker.system());
    }

    /** A fleet whose nodes time their breakers on {@code ticker}. */
    public Fleet(Ticker ticker) {
        this.ticker = ticker;
    }

    /** The clock this fleet's nodes and the requests routed over it read. */
    public Ticker ticker() {
        return ticker;
    }

    /** Adds a node listed in config.yaml (or a relay node); see {@link #add(Endpoint, EndpointOrigin)}. */
    public Optional<EndpointState> add(Endpoint endpoint) {
        return add(endpoint, endpoint.viaRelay() ? EndpointOrigin.RELAY : EndpointOrigin.CONFIG);
    }

    /** Adds a node; returns its state, or empty when a node of that name is already present. */
    public synchronized Optional<EndpointState> add(Endpoint endpoint, EndpointOrigin origin) {
        if (byName.containsKey(endpoint.name())) {
            return Optional.empty();
        }
        EndpointState state = new EndpointState(endpoint, origin, ticker);
        state.drained(drainedNames.contains(endpoint.name()));
        byName.put(endpoint.name(), state);
        all = append(all, state);
        return Optional.of(state);
    }

    public synchronized Optional<EndpointState> remove(String name) {
        EndpointState removed = byName.remove(name);
        if (removed != null) {
            all = all.stream().filter(s -> s != removed).toList();
        }
        return Optional.ofNullable(removed);
    }

    /**
     * Drains (no new requests; those in flight finish) or undrains the node of that name, now and whenever a node
     * of that name joins later; returns the node, or empty when none of that name is present.
     */
    public synchronized Optional<EndpointState> drain(String name, boolean drained) {
        if (drained) {
            drainedNames.add(name);
        } else {
            drainedNames.remove(name);
        }
        EndpointState state = byName.get(name);
        if (state != null) {
            state.drained(drained);
        }
        return Optional.ofNullable(state);
    }

    public Optional<EndpointState> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<EndpointState> all() {
        return all;
    }

    public List<String> names() {
        return all.stream().map(EndpointState::name).toList();
    }

    private static List<EndpointState> append(List<EndpointState> list, EndpointState state) {
        EndpointState[] copy = list.toArray(new EndpointState[list.size() + 1]);
        copy[list.size()] = state;
        return List.of(copy);
    }
}
