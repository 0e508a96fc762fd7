package core.fleet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

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
                // only a node this discovery added: never one of the same name that joined otherwise
                if (fleet.get(endpointName).filter(state -> state.origin() == origin).isPresent()) {
                    leave(endpointName);
                }
            }
        };
    }

    /** Adds a node and starts watching it; empty when the fleet already has a node of that name. */
    public Optional<NodeState> join(Node endpoint, NodeOrigin origin) {
        Optional<NodeState> added = fleet.add(endpoint, origin);
        added.ifPresent(healthChecker::watch);
        return added;
    }

    /**
     * Throws {@link NodeConflictException} when a node in {@code wanted} has the name of a node that joined otherwise
     * (the admin API, a heartbeat, the relay): checked before {@link #reconcile}, so a refused list changes nothing.
     */
    public void checkConfigured(List<Node> wanted) {
        for (Node node : wanted) {
            fleet.get(node.name()).filter(state -> state.origin() != NodeOrigin.CONFIG).ifPresent(state -> {
                throw new NodeConflictException("node '" + node.name() + "' is in the fleet already, added "
                        + state.origin().name().toLowerCase(Locale.ROOT) + "; rename it in config.yaml or remove"
                        + " the other first");
            });
        }
    }

    /**
     * Makes the configured nodes those of {@code wanted}: new ones join, missing ones leave (their requests in flight
     * finish; none is sent to them after), and a changed one takes its new settings in place when it is the same
     * server ({@link NodeState#sameServer}), or leaves and joins again when its address or protocol changed. Nodes of
     * other origins are not touched. Returns what changed: {@code +name}, {@code -name}, {@code ~name}.
     */
    public synchronized List<String> reconcile(List<Node> wanted) {
        checkConfigured(wanted);
        List<String> changes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        wanted.forEach(node -> names.add(node.name()));
        for (NodeState state : fleet.all()) {
            if (state.origin() == NodeOrigin.CONFIG && !names.contains(state.name())) {
                leave(state.name());
                changes.add("-" + state.name());
            }
        }
        for (Node node : wanted) {
            Optional<NodeState> present = fleet.get(node.name());
            if (present.isEmpty()) {
                join(node, NodeOrigin.CONFIG);
                changes.add("+" + node.name());
            } else if (!present.get().endpoint().equals(node)) {
                if (present.get().sameServer(node)) {
                    present.get().reconfigure(node);
                } else {
                    leave(node.name());
                    join(node, NodeOrigin.CONFIG);
                }
                changes.add("~" + node.name());
            }
        }
        return changes;
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
