package adapters.balancer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import core.fleet.ModelName;
import core.fleet.NodeState;
import core.routing.Choice;
import core.routing.RouteReason;
import ports.out.NodeSelector;

/**
 * Uses only the candidates of the highest priority present (a higher number wins), in turn within that tier; lower
 * tiers take traffic only when no higher one is a candidate. Lock-free, O(candidates).
 */
final class PrioritySelector implements NodeSelector {

    private final AtomicLong turn = new AtomicLong();

    @Override
    public Choice select(List<NodeState> candidates, ModelName model) {
        int top = Integer.MIN_VALUE;
        for (NodeState candidate : candidates) {
            top = Math.max(top, candidate.endpoint().priority());
        }
        List<NodeState> tier = new ArrayList<>(candidates.size());
        for (NodeState candidate : candidates) {
            if (candidate.endpoint().priority() == top) {
                tier.add(candidate);
            }
        }
        return new Choice(tier.get((int) Math.floorMod(turn.getAndIncrement(), (long) tier.size())),
                RouteReason.PRIORITY);
    }
}
