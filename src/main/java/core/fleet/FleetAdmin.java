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
    public List<EndpointView> endpoints() {
        return status.describe().endpoints();
    }

    @Override
    public EndpointView add(Endpoint endpoint) {
        EndpointState state = membership.join(endpoint, EndpointOrigin.ADMIN).orElseThrow(
                () -> new EndpointConflictException("the fleet already has a node named '" + endpoint.name() + "'"));
        store.joined(endpoint, EndpointOrigin.ADMIN, null);
        return view(state.name());
    }

    @Override
    public void remove(String name) {
        EndpointState state = known(name);
        String why = switch (state.origin()) {
            case ADMIN -> null;
            case CONFIG -> "node '" + name + "' is listed in config.yaml: remove it there and restart, or drain it";
            case HEARTBEAT -> "node '" + name + "' registers itself by heartbeat and leaves when its heartbeats"
                    + " stop; drain it to stop routing to it";
            case RELAY -> "node '" + name + "' is connected over the relay and leaves when its agent stops; drain it"
                    + " to stop routing to it";
        };
        if (why != null) {
            throw new EndpointConflictException(why);
        }
        membership.leave(name);
        store.left(name);
    }

    @Override
    public EndpointView drain(String name, boolean drained) {
        known(name);
        fleet.drain(name, drained);
        store.drained(name, drained);
        return view(name);
    }

    @Override
    public CompletionStage<List<EndpointView>> refreshModels() {
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
        return saved.endpoints(EndpointOrigin.ADMIN).stream()
                .filter(e -> membership.join(e.endpoint(), EndpointOrigin.ADMIN).isPresent())
                .map(e -> e.endpoint().name())
                .toList();
    }

    private EndpointState known(String name) {
        return fleet.get(name).orElseThrow(() -> new UnknownEndpointException(name, fleet.names()));
    }

    private EndpointView view(String name) {
        return status.describe(name).orElseThrow(() -> new UnknownEndpointException(name, fleet.names()));
    }
}
