package ports.out;

import java.util.List;

import core.fleet.ModelName;
import core.fleet.NodeState;
import core.routing.Choice;

/**
 * Picks one node among candidates that are all routable and all hold the requested model, and says why.
 * <p>
 * Called on an event-loop thread for every request: must not block, must be thread-safe, and should be O(candidates).
 * The list is never empty and must not be modified. {@code model} is the requested model, or null for a request that
 * names no model (one sent to a named node). What a node has loaded, its requests per model and its learned figures
 * are in {@link NodeState#residency()}; its weight and parallel slots in {@link NodeState#endpoint()}.
 */
public interface NodeSelector {

    Choice select(List<NodeState> candidates, ModelName model);
}
