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

    private final ConcurrentMap<String, NodeState> byName = new ConcurrentHashMap<>();
    private final Set<String> drainedNames = ConcurrentHashMap.newKeySet();
    private volatile List<NodeState> all = List.of();
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

    /** Adds a node listed in config.yaml (or a relay node); see {@link #add(Node, NodeOrigin)}. */
    public Optional<NodeState> add(Node endpoint) {
        return add(endpoint, endpoint.viaRelay() ? NodeOrigin.RELAY : NodeOrigin.CONFIG);
    }

    /** Adds a node; returns its state, or empty when a node of that name is already present. */
    public synchronized Optional<NodeState> add(Node endpoint, NodeOrigin origin) {
        if (byName.containsKey(endpoint.name())) {
            return Optional.empty();
        }
        NodeState state = new NodeState(endpoint, origin, ticker);
        state.drained(drainedNames.contains(endpoint.name()));
        byName.put(endpoint.name(), state);
        all = append(all, state);
        return Optional.of(state);
    }

    public synchronized Optional<NodeState> remove(String name) {
        NodeState removed = byName.remove(name);
        if (removed != null) {
            all = all.stream().filter(s -> s != removed).toList();
        }
        return Optional.ofNullable(removed);
    }

    /**
     * Drains (no new requests; those in flight finish) or undrains the node of that name, now and whenever a node
     * of that name joins later; returns the node, or empty when none of that name is present.
     */
    public synchronized Optional<NodeState> drain(String name, boolean drained) {
        if (drained) {
            drainedNames.add(name);
        } else {
            drainedNames.remove(name);
        }
        NodeState state = byName.get(name);
        if (state != null) {
            state.drained(drained);
        }
        return Optional.ofNullable(state);
    }

    public Optional<NodeState> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<NodeState> all() {
        return all;
    }

    public List<String> names() {
        return all.stream().map(NodeState::name).toList();
    }

    private static List<NodeState> append(List<NodeState> list, NodeState state) {
        NodeState[] copy = list.toArray(new NodeState[list.size() + 1]);
        copy[list.size()] = state;
        return List.of(copy);
    }
}
