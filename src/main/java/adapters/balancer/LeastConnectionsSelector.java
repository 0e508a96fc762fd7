package adapters.balancer;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import core.fleet.ModelName;
import core.fleet.NodeState;
import core.routing.Choice;
import core.routing.RouteReason;
import ports.out.NodeSelector;

/**
 * Picks the candidate with the fewest requests in flight per unit of weight (a weight-2 node with 2 in flight ties
 * with a weight-1 node with 1); candidates tied at that minimum take turns. Lock-free, two passes, no allocation.
 */
final class LeastConnectionsSelector implements NodeSelector {

    private final AtomicLong turn = new AtomicLong();

    @Override
    public Choice select(List<NodeState> candidates, ModelName model) {
        return new Choice(fewest(candidates, turn), RouteReason.LEAST_CONNECTIONS);
    }

    /** The candidate with the fewest in flight per weight; ties take turns on {@code turn}. */
    static NodeState fewest(List<NodeState> candidates, AtomicLong turn) {
        NodeState least = candidates.get(0);
        int tied = 0;
        for (NodeState candidate : candidates) {
            int order = Weights.compare(candidate.inFlight(), candidate.endpoint().weight(), least.inFlight(),
                    least.endpoint().weight());
            if (order < 0) {
                least = candidate;
                tied = 1;
            } else if (order == 0) {
                tied++;
            }
        }
        int pick = (int) Math.floorMod(turn.getAndIncrement(), (long) Math.max(1, tied));
        for (NodeState candidate : candidates) {
            if (Weights.compare(candidate.inFlight(), candidate.endpoint().weight(), least.inFlight(),
                    least.endpoint().weight()) == 0 && pick-- == 0) {
                return candidate;
            }
        }
        // Counts moved between the passes: any candidate is a fair answer.
        return least;
    }
}
