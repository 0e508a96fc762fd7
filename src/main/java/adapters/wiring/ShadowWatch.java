package adapters.wiring;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import adapters.config.DiscoveryConfig;
import core.fleet.ModelName;
import core.fleet.ModelRegistry;
import core.fleet.NodeState;
import core.routing.ModelRoutes;

/**
 * Warns, once per alias, when some node lists a model of the alias's own name that the alias hides, unless its route
 * says {@code shadows: true}. The nodes' models are known only once they answer, so this cannot be a startup error;
 * it is checked after every model refresh interval (the status page shows it too: {@code shadows_model_on}).
 */
@ApplicationScoped
class ShadowWatch {

    private static final Logger LOG = Logger.getLogger("drover.fleet");
    private final Set<ModelName> warned = ConcurrentHashMap.newKeySet();

    void start(@Observes StartupEvent event, ModelRoutes routes, ModelRegistry registry, FleetScheduler scheduler,
            DiscoveryConfig config) {
        long every = config.modelRefreshInterval().toMillis();
        // the routes are read each time: a reload may add or change aliases
        scheduler.executor().scheduleWithFixedDelay(() -> check(routes, registry), Math.min(every, 5_000), every,
                TimeUnit.MILLISECONDS);
    }

    private void check(ModelRoutes routes, ModelRegistry registry) {
        for (ModelRoutes.Route alias : routes.all()) {
            if (!alias.alias() || alias.shadows()) {
                continue;
            }
            List<NodeState> holders = registry.holders(alias.name());
            if (!holders.isEmpty() && warned.add(alias.name())) {
                LOG.warnf("models: alias '%s' hides the model of that name on %s; clients asking for it get '%s'."
                        + " Rename the alias, or add shadows: true to its entry if that is meant", alias.written(),
                        String.join(", ", holders.stream().map(NodeState::name).toList()), alias.target());
            }
        }
    }
}
