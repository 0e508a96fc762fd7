package adapters.balancer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import core.fleet.EndpointState;
import ports.out.EndpointSelector;

/**
 * Uses only the candidates of the highest priority present (a higher number wins), in turn within that tier; lower
 * tiers take traffic only when no higher one is a candidate. Lock-free, O(candidates).
 */
final class PrioritySelector implements EndpointSelector {

    private final AtomicLong turn = new AtomicLong();

    @Override
    public EndpointState select(List<EndpointState> candidates) {
        int top = Integer.MIN_VALUE;
        for (EndpointState candidate : candidates) {
            top = Math.max(top, candidate.endpoint().priority());
        }
        List<EndpointState> tier = new ArrayList<>(candidates.size());
        for (EndpointState candidate : candidates) {
            if (candidate.endpoint().priority() == top) {
                tier.add(candidate);
            }
        }
        return tier.get((int) Math.floorMod(turn.getAndIncrement(), (long) tier.size()));
    }
}
