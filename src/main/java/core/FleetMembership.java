package core;

import ports.out.EndpointDiscovery;

/**
 * Applies what discovery reports: a new node joins the fleet and is watched by the health checker; a leaving node
 * stops being watched and its model lists are forgotten. A second node with a taken name is ignored.
 */
public final class FleetMembership implements EndpointDiscovery.Listener {

    private final Fleet fleet;
    private final HealthChecker healthChecker;
    private final ModelRegistry registry;

    public FleetMembership(Fleet fleet, HealthChecker healthChecker, ModelRegistry registry) {
        this.fleet = fleet;
        this.healthChecker = healthChecker;
        this.registry = registry;
    }

    @Override
    public void added(Endpoint endpoint) {
        fleet.add(endpoint).ifPresent(healthChecker::watch);
    }

    @Override
    public void removed(String endpointName) {
        fleet.remove(endpointName).ifPresent(state -> {
            healthChecker.unwatch(state);
            registry.forget(endpointName);
        });
    }
}
