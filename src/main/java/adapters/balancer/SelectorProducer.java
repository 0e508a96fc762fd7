package adapters.balancer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import adapters.config.ProxyConfig;
import adapters.config.ProxyConfig.BalancerKind;
import ports.out.NodeSelector;

/** Chooses the balancer named by {@code proxy.load_balancer}. */
@ApplicationScoped
public class SelectorProducer {

    @Produces
    @Singleton
    NodeSelector selector(ProxyConfig config) {
        return of(config.loadBalancer());
    }

    /** A new balancer of {@code kind} (at startup, and when a reload names another). */
    public static NodeSelector of(BalancerKind kind) {
        return switch (kind) {
            case PRIORITY -> new PrioritySelector();
            case ROUND_ROBIN -> new RoundRobinSelector();
            case LEAST_CONNECTIONS -> new LeastConnectionsSelector();
            case WARM_FIRST -> new WarmFirstSelector();
        };
    }
}
