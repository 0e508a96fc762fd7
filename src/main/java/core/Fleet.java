package core;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The nodes currently known, in the order they were added. Reads are lock-free snapshots. */
public final class Fleet {

    private final ConcurrentMap<String, EndpointState> byName = new ConcurrentHashMap<>();
    private volatile List<EndpointState> all = List.of();

    /** Adds a node; returns its state, or empty when a node of that name is already present. */
    public synchronized Optional<EndpointState> add(Endpoint endpoint) {
        if (byName.containsKey(endpoint.name())) {
            return Optional.empty();
        }
        EndpointState state = new EndpointState(endpoint);
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
