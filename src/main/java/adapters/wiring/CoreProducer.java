package adapters.wiring;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import adapters.config.DiscoveryConfig;
import adapters.config.ModelRouteChecks;
import adapters.config.ModelsConfig;
import adapters.config.ProxyConfig;
import adapters.discovery.DiscoveryChecks;
import core.Ticker;
import core.access.LogBudget;
import core.fleet.CircuitTracker;
import core.fleet.Fleet;
import core.fleet.FleetAdmin;
import core.fleet.FleetMembership;
import core.fleet.FleetStatus;
import core.fleet.HealthChecker;
import core.fleet.HealthPolicy;
import core.fleet.ModelRegistry;
import core.fleet.NodeState;
import core.fleet.NodeStatus;
import core.fleet.NodeType;
import core.fleet.ResidencyTracker;
import core.models.ModelSync;
import core.routing.AdmissionQueue;
import core.routing.Drain;
import core.routing.LoadBalancer;
import core.routing.ModelRoutes;
import core.routing.Readiness;
import core.routing.RequestRouter;
import core.routing.RetryPolicy;
import core.routing.SessionPins;
import ports.in.TrackCircuitsUseCase;
import ports.out.FleetStore;
import ports.out.HealthProbe;
import ports.out.ModelCatalog;
import ports.out.NodeSelector;
import ports.out.ProxyEngine;
import ports.out.ResilienceEvents;

/** Builds the core services as beans from the adapters that implement their ports. */
@ApplicationScoped
class CoreProducer {

    private static final Logger LOG = Logger.getLogger("drover.fleet");

    @Produces
    @Singleton
    Ticker clock() {
        return Ticker.system();
    }

    /** One budget for every WARN line that clients can cause, whichever door they knock at. */
    @Produces
    @Singleton
    LogBudget clientFaults() {
        return LogBudget.standard(System.nanoTime());
    }

    @Produces
    @Singleton
    Fleet fleet(Ticker ticker) {
        return new Fleet(ticker);
    }

    @Produces
    @Singleton
    ModelRegistry registry(ModelCatalog catalog, Fleet fleet, Clock clock) {
        return new ModelRegistry(catalog, fleet, clock);
    }

    @Produces
    @Singleton
    ResidencyTracker residencyTracker(Fleet fleet, ModelRegistry registry, FleetScheduler scheduler,
            LoadBalancer balancer) {
        ResidencyTracker tracker = new ResidencyTracker(fleet, registry, scheduler.executor());
        balancer.onColdStart(tracker::loadedSoon);
        return tracker;
    }

    @Produces
    @Singleton
    HealthChecker healthChecker(HealthProbe probe, FleetScheduler scheduler, Clock clock,
            DiscoveryConfig config, ModelRegistry registry, Provider<ModelSync> sync) {
        DiscoveryConfig.Health health = config.health();
        // Checked with the rest of discovery: (adapters.discovery.DiscoveryChecks).
        HealthPolicy policy = new HealthPolicy(health.unhealthyThreshold(), health.healthyThreshold(),
                health.maxBackoff());
        return new HealthChecker(probe, scheduler.executor(), clock, policy, (state, from, to) -> {
            logChange(state, from, to);
            if (to == NodeStatus.UP) {
                // A node that comes up gets what models.required and models.preload want at once, not a tick later.
                registry.refresh(state).thenRun(() -> sync.get().tick());
            }
        });
    }

    @Produces
    @Singleton
    FleetMembership membership(Fleet fleet, HealthChecker healthChecker, ModelRegistry registry) {
        return new FleetMembership(fleet, healthChecker, registry);
    }

    @Produces
    @Singleton
    LoadBalancer balancer(NodeSelector selector, ProxyConfig proxy, Ticker ticker) {
        ProxyConfig.Affinity affinity = proxy.affinity();
        return new LoadBalancer(selector, new SessionPins(affinity.enabled(), affinity.ttl(), affinity.maxSessions(),
                affinity.loadFactor(), ticker));
    }

    @Produces
    @Singleton
    AdmissionQueue admissionQueue(LoadBalancer balancer, FleetScheduler scheduler, ProxyConfig proxy,
            ResilienceEvents events, Ticker ticker) {
        // Checked with the rest of proxy: (adapters.engine.EngineChecks).
        ProxyConfig.Queue queue = proxy.queue();
        return new AdmissionQueue(balancer, scheduler.executor(), ticker, queue.maxSize(), queue.maxWait(),
                queue.ageing(), events);
    }

    @Produces
    @Singleton
    TrackCircuitsUseCase circuits(Fleet fleet, ResilienceEvents events) {
        return new CircuitTracker(fleet, events);
    }

    @Produces
    @Singleton
    Drain drain(Fleet fleet, AdmissionQueue queue) {
        return new Drain(fleet, queue);
    }

    @Produces
    @Singleton
    RequestRouter router(Fleet fleet, ModelRegistry registry, LoadBalancer balancer, AdmissionQueue queue,
            Drain drain, ProxyEngine engine, ProxyConfig proxy, ResilienceEvents events, ModelRoutes routes) {
        return new RequestRouter(fleet, registry, balancer, engine,
                RetryPolicy.of(proxy.maxAttempts(), proxy.firstByteTimeout()),
                queue, drain, events, routes);
    }

    @Produces
    @Singleton
    ModelRoutes routes(ModelsConfig models, DiscoveryConfig discovery) {
        Config raw = ConfigProvider.getConfig();
        return ModelRouteChecks.check(models,
                DiscoveryChecks.check(discovery, key -> raw.getConfigValue(key).getRawValue()),
                discovery.kubernetes().enabled());
    }

    @Produces
    @Singleton
    Readiness readiness(Drain drain) {
        return new Readiness(drain);
    }

    @Produces
    @Singleton
    FleetStatus fleetStatus(Fleet fleet, ModelRegistry registry, AdmissionQueue queue, Drain drain) {
        return new FleetStatus(fleet, registry, queue, drain);
    }

    @Produces
    @Singleton
    FleetAdmin fleetAdmin(Fleet fleet, FleetMembership membership, ModelRegistry registry, FleetStatus status,
            FleetStore store) {
        return new FleetAdmin(fleet, membership, registry, status, store);
    }

    private static void logChange(NodeState state, NodeStatus from, NodeStatus to) {
        if (to == NodeStatus.UP) {
            LOG.infof("endpoint %s (%s) is up, %s", state.name(), state.endpoint().url(),
                    state.type() == NodeType.OPENAI
                            ? "OpenAI-compatible"
                            : "Ollama " + (state.version() == null ? "version unknown" : state.version()));
        } else {
            LOG.warnf("endpoint %s (%s) is %s: %s", state.name(), state.endpoint().url(),
                    to.name().toLowerCase(java.util.Locale.ROOT), state.lastError());
        }
    }
}
