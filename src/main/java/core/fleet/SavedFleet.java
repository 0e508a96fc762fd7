package core.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the gateway remembers from before its last restart: nodes that joined at run time (with the id of the
 * enrollment token a heartbeat node registered with, null for others), the names an operator drained, and the ids
 * of single-use enrollment tokens already spent, each with the instant the token expires.
 */
public record SavedFleet(List<SavedNode> endpoints, Set<String> drained, Map<String, Instant> usedTokens) {

    public static final SavedFleet EMPTY = new SavedFleet(List.of(), Set.of(), Map.of());

    public SavedFleet {
        endpoints = List.copyOf(endpoints);
        drained = Set.copyOf(drained);
        usedTokens = Map.copyOf(usedTokens);
    }

    public List<SavedNode> endpoints(NodeOrigin origin) {
        return endpoints.stream().filter(e -> e.origin() == origin).toList();
    }

    /** One remembered node. */
    public record SavedNode(Node endpoint, NodeOrigin origin, String tokenId) {
    }
}
