package core.fleet;

import java.util.Optional;

import ports.out.NodeDiscovery;

/**
 * Applies what discovery reports: a new node joins the fleet and is watched by the health checker; a leaving node
 * stops being watched and its model lists are forgotten. A second node with a taken name is ignored.
 */
public final class FleetMembership {

    private final Fleet fleet;
    private final HealthChecker healthChecker;
    private final ModelRegistry registry;

    public FleetMembership(Fleet fleet, HealthChecker healthChecker, ModelRegistry registry) {
        this.fleet = fleet;
        this.healthChecker = healthChecker;
        this.registry = registry;
    }

    /** The listener a discovery reports to: the nodes it adds join with its origin. */
    public NodeDiscovery.Listener from(NodeOrigin origin) {
        return new NodeDiscovery.Listener() {
            @Override
            public void added(Node endpoint) {
                join(endpoint, origin);
            }

            @Override
            public void removed(String endpointName) {
                leave(endpointName);
            }
        };
    }

    /** Adds a node and starts watching it; empty when the fleet already has a node of that name. */
    public Optional<NodeState> join(Node endpoint, NodeOrigin origin) {
        Optional<NodeState> added = fleet.add(endpoint, origin);
        added.ifPresent(healthChecker::watch);
        return added;
    }

    public Optional<NodeState> leave(String endpointName) {
        Optional<NodeState> removed = fleet.remove(endpointName);
        removed.ifPresent(state -> {
            healthChecker.unwatch(state);
            registry.forget(endpointName);
        });
        return removed;
    }
}
