package core.fleet;

import java.util.List;
import java.util.Optional;

import core.routing.AdmissionQueue;
import core.routing.Drain;
import ports.in.DescribeFleetUseCase;

/** Assembles the fleet's snapshot from the live node states and the model registry. */
public final class FleetStatus implements DescribeFleetUseCase {

    private final Fleet fleet;
    private final ModelRegistry registry;
    private final AdmissionQueue queue;
    private final Drain drain;

    public FleetStatus(Fleet fleet, ModelRegistry registry, AdmissionQueue queue, Drain drain) {
        this.fleet = fleet;
        this.registry = registry;
        this.queue = queue;
        this.drain = drain;
    }

    @Override
    public FleetView describe() {
        return new FleetView(fleet.all().stream().map(this::view).toList(), queue.size(), drain.draining());
    }

    /** The node of that name, if the fleet has one. */
    public Optional<NodeView> describe(String name) {
        return fleet.get(name).map(this::view);
    }

    private NodeView view(NodeState s) {
        Node e = s.endpoint();
        NodeType type = s.type() != null ? s.type() : e.type();
        return new NodeView(e.name(), e.url().toString(), type, s.status(), e.priority(), e.maxConcurrency(),
                s.inFlight(), sorted(registry.availableOn(e.name()).stream().map(ModelName::canonical).toList()),
                sorted(registry.loadedOn(e.name()).stream().map(ModelName::canonical).toList()),
                s.lastCheck(), s.lastError(), s.version(), s.circuit(), s.routable(),
                e.viaRelay() ? "relay" : "static", s.origin(), s.drained(), s.busyUntil(), e.weight(),
                e.numParallel(), s.residency().view(), s.residency().room(), e.labels());
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }
}
