package adapters.wiring;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import adapters.config.DiscoveryConfig;
import core.access.Enrollment;
import core.fleet.Fleet;
import core.fleet.Heartbeats;
import ports.in.EnrollNodesUseCase;
import ports.out.FleetStore;

/** Builds who may join the fleet (enrollment tokens) and discovery by heartbeat, and logs heartbeat nodes. */
@ApplicationScoped
class EnrollmentProducer {

    private static final Logger LOG = Logger.getLogger("drover.relay");

    @Produces
    @Singleton
    EnrollNodesUseCase enrollment(DiscoveryConfig config, Clock clock, FleetStore store) {
        // The secret is checked with the rest of discovery (adapters.discovery.DiscoveryChecks).
        return new Enrollment(config.relay().enabled() ? config.relay().secret().orElseThrow() : null, clock, store);
    }

    /** Also a {@code NodeDiscovery}: started with the others by {@link FleetStartup}. */
    @Produces
    @Singleton
    Heartbeats heartbeats(EnrollNodesUseCase enrollment, Fleet fleet, FleetStore store, FleetScheduler scheduler,
            DiscoveryConfig config) {
        return new Heartbeats(enrollment, fleet, store, scheduler.executor(), fleet.ticker(),
                config.relay().heartbeatTtl(), config.relay().heartbeatExpiry(), new Heartbeats.Events() {

                    @Override
                    public void registered(String name, URI url) {
                        LOG.infof("heartbeat: node %s registered at %s", name, url);
                    }

                    @Override
                    public void restored(String name, URI url, Duration expiry) {
                        LOG.infof("heartbeat: node %s restored at %s; it has %d s to beat again", name, url,
                                expiry.toSeconds());
                    }

                    @Override
                    public void missed(String name) {
                        LOG.warnf("heartbeat: node %s missed its heartbeats; not routable until the next one", name);
                    }

                    @Override
                    public void removed(String name, Duration expiry) {
                        LOG.infof("heartbeat: node %s removed after %d s without a heartbeat", name,
                                expiry.toSeconds());
                    }
                });
    }
}
