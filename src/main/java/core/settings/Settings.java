package core.settings;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import core.access.KeyRing;
import core.access.RateLimit;
import core.fleet.Node;
import core.routing.ModelRoutes;
import core.routing.RetryPolicy;
import ports.out.NodeSelector;

/**
 * What a reload may change in core, already checked: the configured nodes, the client and admin keys, the global and
 * per-address rate limits, the balancer ({@code balancer} names it for logs), the model routes and the retry policy.
 */
public record Settings(List<Node> nodes, KeyRing clients, KeyRing admins, Optional<RateLimit> globalLimit,
        Optional<RateLimit> addressLimit, NodeSelector selector, String balancer, ModelRoutes routes,
        RetryPolicy retries) {

    public Settings {
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(admins, "admins");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(balancer, "balancer");
        Objects.requireNonNull(routes, "routes");
        Objects.requireNonNull(globalLimit, "globalLimit");
        Objects.requireNonNull(addressLimit, "addressLimit");
        Objects.requireNonNull(retries, "retries");
    }
}
