package adapters.balancer;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import core.fleet.NodeState;
import ports.out.NodeSelector;

/**
 * Picks the candidate with the fewest requests in flight; candidates tied at that minimum take turns. Lock-free,
 * two passes over the candidates, no allocation.
 */
final class LeastConnectionsSelector implements NodeSelector {

    private final AtomicLong turn = new AtomicLong();

    @Override
    public NodeState select(List<NodeState> candidates) {
        int fewest = Integer.MAX_VALUE;
        int tied = 0;
        for (NodeState candidate : candidates) {
            int load = candidate.inFlight();
            if (load < fewest) {
                fewest = load;
                tied = 1;
            } else if (load == fewest) {
                tied++;
            }
        }
        int pick = (int) Math.floorMod(turn.getAndIncrement(), (long) tied);
        for (NodeState candidate : candidates) {
            if (candidate.inFlight() == fewest && pick-- == 0) {
                return candidate;
            }
        }
        // Counts moved between the passes: any candidate is a fair answer.
        return candidates.get(0);
    }
}
