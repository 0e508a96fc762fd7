package core.routing;

import java.util.Objects;

import core.fleet.NodeState;

/** A balancer's pick: the node, and why that one ({@link RouteReason}). */
public record Choice(NodeState node, RouteReason reason) {

    public Choice {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(reason, "reason");
    }
}
