package adapters.balancer;

import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

import core.fleet.ModelName;
import core.fleet.NodeState;
import core.routing.Choice;
import core.routing.RouteReason;
import ports.out.NodeSelector;

/**
 * Takes the candidates in turn. With equal weights, one shared lock-free counter; with different weights, smooth
 * weighted round-robin (nginx's: each node gains its weight per pick, the richest is chosen and pays the total), so a
 * 3:1 pair goes a, a, b, a rather than a, a, a, b.
 */
final class RoundRobinSelector implements NodeSelector {

    private final AtomicLong next = new AtomicLong();
    private final Map<NodeState, long[]> credit = new WeakHashMap<>();

    @Override
    public Choice select(List<NodeState> candidates, ModelName model) {
        if (Weights.equal(candidates)) {
            return new Choice(candidates.get((int) Math.floorMod(next.getAndIncrement(), (long) candidates.size())),
                    RouteReason.ROUND_ROBIN);
        }
        synchronized (credit) {
            long total = 0;
            NodeState best = null;
            long bestCredit = Long.MIN_VALUE;
            for (NodeState candidate : candidates) {
                int weight = candidate.endpoint().weight();
                long[] own = credit.computeIfAbsent(candidate, k -> new long[1]);
                own[0] += weight;
                total += weight;
                if (own[0] > bestCredit) {
                    bestCredit = own[0];
                    best = candidate;
                }
            }
            credit.get(best)[0] -= total;
            return new Choice(best, RouteReason.ROUND_ROBIN);
        }
    }
}
