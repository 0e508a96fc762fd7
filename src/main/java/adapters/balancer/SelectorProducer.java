package adapters.balancer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import adapters.config.ProxyConfig;
import ports.out.NodeSelector;

/** Chooses the balancer named by {@code proxy.load_balancer}. */
@ApplicationScoped
class SelectorProducer {

    @Produces
    @Singleton
    NodeSelector selector(ProxyConfig config) {
        return switch (config.loadBalancer()) {
            case PRIORITY -> new PrioritySelector();
            case ROUND_ROBIN -> new RoundRobinSelector();
            case LEAST_CONNECTIONS -> new LeastConnectionsSelector();
            case WARM_FIRST -> new WarmFirstSelector();
        };
    }
}
