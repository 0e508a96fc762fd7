package adapters.wiring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import adapters.config.DiscoveryConfig;
import core.Fleet;
import core.FleetAdmin;
import core.FleetMembership;
import core.ModelRegistry;
import ports.out.EndpointDiscovery;
import ports.out.FleetStore;

/**
 * At startup: discovery announces the nodes, health checks begin, and model lists refresh on their interval; what
 * operators changed before the last restart (nodes added, nodes drained) is applied once the store has been read.
 */
@ApplicationScoped
class FleetStartup {

    private static final Logger LOG = Logger.getLogger("drover.fleet");

    void start(@Observes StartupEvent event, @Any Instance<EndpointDiscovery> discoveries, FleetMembership membership,
            ModelRegistry registry, FleetScheduler scheduler, DiscoveryConfig config, Fleet fleet, FleetAdmin admin,
            FleetStore store) {
        // Static nodes from config.yaml, and nodes that dial in over the relay.
        discoveries.forEach(discovery -> discovery.start(membership.from(discovery.origin())));
        registry.start(scheduler.executor(), config.modelRefreshInterval());
        LOG.infof("fleet of %d endpoint(s): %s", fleet.all().size(), String.join(", ", fleet.names()));
        store.saved().thenAccept(saved -> {
            var restored = admin.restore(saved);
            if (!restored.isEmpty() || !saved.drained().isEmpty()) {
                LOG.infof("restored %d endpoint(s) added at run time (%s) and %d drained name(s) (%s)",
                        restored.size(), String.join(", ", restored), saved.drained().size(),
                        String.join(", ", saved.drained()));
            }
        });
    }
}
