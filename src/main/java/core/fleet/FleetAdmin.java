package core.fleet;

import java.util.List;
import java.util.concurrent.CompletionStage;

import ports.in.ManageFleetUseCase;
import ports.out.FleetStore;

/**
 * The operator's changes to the fleet, applied at once and handed to the store so they survive a restart. Only nodes
 * added here can be removed here: a configured node belongs to config.yaml, and a node that joined by itself
 * (heartbeat, relay) leaves when it stops; any of them can be drained.
 */
public final class FleetAdmin implements ManageFleetUseCase {

    private final Fleet fleet;
    private final FleetMembership membership;
    private final ModelRegistry registry;
    private final FleetStatus status;
    private final FleetStore store;

    public FleetAdmin(Fleet fleet, FleetMembership membership, ModelRegistry registry, FleetStatus status,
            FleetStore store) {
        this.fleet = fleet;
        this.membership = membership;
        this.registry = registry;
        this.status = status;
        this.store = store;
    }

    @Override
    public List<NodeView> endpoints() {
        return status.describe().endpoints();
    }

    @Override
    public NodeView add(Node endpoint) {
        NodeState state = membership.join(endpoint, NodeOrigin.ADMIN).orElseThrow(
                () -> new NodeConflictException("the fleet already has a node named '" + endpoint.name() + "'"));
        store.joined(endpoint, NodeOrigin.ADMIN, null);
        return view(state.name());
    }

    @Override
    public void remove(String name) {
        NodeState state = known(name);
        String why = switch (state.origin()) {
            case ADMIN -> null;
            case CONFIG -> "node '" + name + "' is listed in config.yaml: remove it there and restart, or drain it";
            case HEARTBEAT -> "node '" + name + "' registers itself by heartbeat and leaves when its heartbeats"
                    + " stop; drain it to stop routing to it";
            case RELAY -> "node '" + name + "' is connected over the relay and leaves when its agent stops; drain it"
                    + " to stop routing to it";
            case KUBERNETES, DNS -> "node '" + name + "' was discovered in the cluster and leaves when its endpoint"
                    + " does; drain it to stop routing to it";
        };
        if (why != null) {
            throw new NodeConflictException(why);
        }
        membership.leave(name);
        store.left(name);
    }

    @Override
    public NodeView drain(String name, boolean drained) {
        known(name);
        fleet.drain(name, drained);
        store.drained(name, drained);
        return view(name);
    }

    @Override
    public CompletionStage<List<NodeView>> refreshModels() {
        return registry.refreshOnMiss().thenApply(v -> endpoints());
    }

    /**
     * Applies what was saved before this start: drained names, then the nodes added over the admin API. A saved node
     * whose name the fleet already has (config.yaml now lists it) is left out.
     *
     * @return the saved nodes that joined
     */
    public List<String> restore(SavedFleet saved) {
        saved.drained().forEach(name -> fleet.drain(name, true));
        return saved.endpoints(NodeOrigin.ADMIN).stream()
                .filter(e -> membership.join(e.endpoint(), NodeOrigin.ADMIN).isPresent())
                .map(e -> e.endpoint().name())
                .toList();
    }

    private NodeState known(String name) {
        return fleet.get(name).orElseThrow(() -> new UnknownNodeException(name, fleet.names()));
    }

    private NodeView view(String name) {
        return status.describe(name).orElseThrow(() -> new UnknownNodeException(name, fleet.names()));
    }
}
