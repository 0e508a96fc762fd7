package core.settings;

import java.util.List;
import java.util.Objects;

import core.access.KeyRing;
import core.fleet.Node;
import core.routing.ModelRoutes;
import ports.out.NodeSelector;

/**
 * What a reload may change, already checked: the configured nodes, the client and admin keys, the balancer
 * ({@code balancer} names it for logs) and the model routes.
 */
public record Settings(List<Node> nodes, KeyRing clients, KeyRing admins, NodeSelector selector, String balancer,
        ModelRoutes routes) {

    public Settings {
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(admins, "admins");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(balancer, "balancer");
        Objects.requireNonNull(routes, "routes");
    }
}
