package ports.out;

import java.util.List;

import core.fleet.NodeState;

/**
 * Picks one node among candidates that are all routable and all hold the requested model.
 * <p>
 * Called on an event-loop thread for every request: must not block, must be thread-safe, and should be O(candidates).
 * The list is never empty and must not be modified.
 */
public interface NodeSelector {

    NodeState select(List<NodeState> candidates);
}
