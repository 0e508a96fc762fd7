package adapters.wiring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import adapters.config.DiscoveryConfig;
import adapters.config.ModelRouteChecks;
import adapters.config.ModelsConfig;
import adapters.discovery.DiscoveryChecks;
import core.fleet.Fleet;
import core.fleet.ModelRegistry;
import core.models.FleetModelTasks;
import core.models.ModelSync;
import core.routing.Drain;
import ports.in.RunModelTaskUseCase;
import ports.out.NodeModels;

/** Builds the fleet's model tasks and the model sync, with the plan config.yaml gives. */
@ApplicationScoped
class ModelsProducer {

    @Produces
    @Singleton
    RunModelTaskUseCase tasks(Fleet fleet, NodeModels nodes, Drain drain) {
        return new FleetModelTasks(fleet, nodes, drain);
    }

    @Produces
    @Singleton
    SyncPlan plan(ModelsConfig models, DiscoveryConfig discovery) {
        Config raw = ConfigProvider.getConfig();
        return new SyncPlan(ModelRouteChecks.plan(models,
                DiscoveryChecks.check(discovery, key -> raw.getConfigValue(key).getRawValue()),
                discovery.kubernetes().enabled()));
    }

    @Produces
    @Singleton
    ModelSync sync(Fleet fleet, ModelRegistry registry, NodeModels nodes, SyncPlan plan) {
        return new ModelSync(fleet, registry, nodes, new SyncLog(), plan);
    }
}
