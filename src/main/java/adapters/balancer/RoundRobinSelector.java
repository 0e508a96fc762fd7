package adapters.balancer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import core.fleet.ModelName;
import core.fleet.NodeState;
import core.routing.Choice;
import core.routing.RouteReason;
import ports.out.NodeSelector;

/**
 * Takes the candidates in turn. With equal weights, one shared lock-free counter; with different weights, smooth
 * weighted round-robin (nginx's: each node gains its weight per pick, the richest is chosen and pays the total), so a
 * 3:1 pair goes a, a, b, a rather than a, a, a, b. Each set of candidates keeps its own credits, as each nginx upstream
 * does, so that sets which differ (one per model) do not skew each other; at most {@value #SETS} sets are remembered.
 */
final class RoundRobinSelector implements NodeSelector {

    private static final int SETS = 1024;
    private final AtomicLong next = new AtomicLong();
    private final Map<List<String>, long[]> credits = new HashMap<>();

    @Override
    public Choice select(List<NodeState> candidates, ModelName model) {
        if (Weights.equal(candidates)) {
            return new Choice(candidates.get((int) Math.floorMod(next.getAndIncrement(), (long) candidates.size())),
                    RouteReason.ROUND_ROBIN);
        }
        List<String> set = new ArrayList<>(candidates.size());
        for (NodeState candidate : candidates) {
            set.add(candidate.name());
        }
        synchronized (credits) {
            long[] credit = credits.get(set);
            if (credit == null) {
                if (credits.size() >= SETS) {
                    credits.clear();
                }
                credit = new long[candidates.size()];
                credits.put(set, credit);
            }
            long total = 0;
            int best = 0;
            for (int i = 0; i < credit.length; i++) {
                int weight = candidates.get(i).endpoint().weight();
                credit[i] += weight;
                total += weight;
                if (credit[i] > credit[best]) {
                    best = i;
                }
            }
            credit[best] -= total;
            return new Choice(candidates.get(best), RouteReason.ROUND_ROBIN);
        }
    }
}
