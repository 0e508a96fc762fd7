package adapters.wiring;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import adapters.config.DiscoveryConfig;
import core.fleet.Fleet;
import core.fleet.FleetAdmin;
import core.fleet.FleetMembership;
import core.fleet.ModelRegistry;
import core.fleet.ResidencyTracker;
import core.fleet.SavedFleet;
import core.models.ModelSync;
import core.routing.Readiness;
import ports.out.FleetStore;
import ports.out.NodeDiscovery;

/**
 * At startup: what operators changed before the last restart is applied before any node can take a request (drained
 * names first, so a drained node is never routable, not even for its first probe), discovery announces the nodes,
 * health checks begin, model lists refresh on their interval, and then the gateway reports itself ready. A database
 * that does not answer within {@link #RESTORE_WAIT} does not hold the start longer: the gateway starts without the
 * saved state, says so, and applies it when the database answers.
 */
@ApplicationScoped
class FleetStartup {

    /** How long the start waits for the saved fleet state. */
    static final Duration RESTORE_WAIT = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger("drover.fleet");

    void start(@Observes StartupEvent event, @Any Instance<NodeDiscovery> discoveries, FleetMembership membership,
            ModelRegistry registry, FleetScheduler scheduler, DiscoveryConfig config, Fleet fleet, FleetAdmin admin,
            FleetStore store, Readiness readiness, ResidencyTracker residency, ModelSync sync) {
        // residency is injected here so that it listens for cold starts from the first request on.
        SavedFleet saved = awaitSaved(store);
        if (saved != null) {
            saved.drained().forEach(name -> fleet.drain(name, true));
        }
        // Static nodes from config.yaml, and nodes that dial in over the relay.
        discoveries.forEach(discovery -> discovery.start(membership.from(discovery.origin())));
        registry.start(scheduler.executor(), config.modelRefreshInterval());
        sync.start(scheduler.executor());
        LOG.infof("fleet of %d endpoint(s): %s", fleet.all().size(), String.join(", ", fleet.names()));
        if (saved != null) {
            restore(admin, saved);
        } else {
            LOG.warnf("the saved fleet state (drained nodes, nodes added at run time) could not be read within %d s:"
                    + " starting without it; it is applied when the database answers", RESTORE_WAIT.toSeconds());
            store.saved().thenAccept(late -> restore(admin, late));
        }
        readiness.restored();
    }

    private static SavedFleet awaitSaved(FleetStore store) {
        try {
            return store.saved().toCompletableFuture().get(RESTORE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void restore(FleetAdmin admin, SavedFleet saved) {
        var restored = admin.restore(saved);
        if (!restored.isEmpty() || !saved.drained().isEmpty()) {
            LOG.infof("restored %d endpoint(s) added at run time (%s) and %d drained name(s) (%s)", restored.size(),
                    String.join(", ", restored), saved.drained().size(), String.join(", ", saved.drained()));
        }
    }
}
