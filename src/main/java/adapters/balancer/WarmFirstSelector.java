package adapters.balancer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import core.fleet.ModelName;
import core.fleet.NodeState;
import core.fleet.Residency;
import core.routing.Choice;
import core.routing.RouteReason;
import ports.out.NodeSelector;

/**
 * Sends a request where its model is already in memory, and otherwise where loading it costs least
 * (docs/routing.md). Each candidate gets an expected delay in milliseconds: none where the model is loaded and a slot
 * is free ({@code warm}); the wait for a slot where it is loaded but its {@code num_parallel} slots are taken
 * ({@code warm-queued}: requests ahead times the time a request holds a slot, over the slots); the load time on a
 * node with nothing in flight ({@code cold-idle}); the load time plus the work in flight there ({@code cold-busy},
 * only when no node is idle: a node whose models are all busy makes a new model wait for room, and every request
 * behind it). A cold load on a node taken to be full also costs reloads of the model it pushes out: two plus one per
 * request of it in flight there when it is wanted (in use or used in the last 10 s), half of one when idle longer. The cheapest wins; choices within 5% are equally good and go to the warmest,
 * then the fewest in flight per weight, then the fewest models loaded, then in turn by weight. Load and slot times are
 * each node's learned figures, else the average learned on the other candidates, else a prior; without a learned
 * figure a heavier node is taken to be proportionally faster. O(candidates); lock-free but for the weighted turns.
 */
final class WarmFirstSelector implements NodeSelector {

    /** Before any load was seen: a mid-sized model from a local disk. */
    static final Duration PRIOR_LOAD = Duration.ofSeconds(5);
    /** Before any answer was seen: a short chat answer. */
    static final Duration PRIOR_SLOT = Duration.ofSeconds(2);
    private static final double EQUALLY_GOOD = 1.05;
    /** A model used this recently is still wanted, though nothing runs on it this instant. */
    static final Duration RECENT = Duration.ofSeconds(10);

    private final AtomicLong turn = new AtomicLong();
    private final RoundRobinSelector turns = new RoundRobinSelector();

    @Override
    public Choice select(List<NodeState> candidates, ModelName model) {
        if (model == null) {
            return new Choice(LeastConnectionsSelector.fewest(candidates, turn), RouteReason.LEAST_LOADED);
        }
        Fleetwide fleet = Fleetwide.of(candidates, model);
        boolean someIdle = false;
        for (NodeState candidate : candidates) {
            someIdle |= candidate.inFlight() == 0;
        }
        int n = candidates.size();
        double[] cost = new double[n];
        RouteReason[] reason = new RouteReason[n];
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            NodeState c = candidates.get(i);
            Residency residency = c.residency();
            int slots = c.endpoint().numParallel();
            if (c.warm(model)) {
                int ahead = residency.inFlight(model) - slots + 1;
                reason[i] = ahead <= 0 ? RouteReason.WARM : RouteReason.WARM_QUEUED;
                cost[i] = ahead <= 0 ? 0 : ahead * fleet.slot(c, model) / slots;
            } else if (c.inFlight() == 0) {
                reason[i] = RouteReason.COLD_IDLE;
                cost[i] = fleet.load(c, model) + evictionCost(c, model, fleet);
            } else if (!someIdle) {
                reason[i] = RouteReason.COLD_BUSY;
                cost[i] = fleet.load(c, model) + c.inFlight() * fleet.slot(c, model) / slots
                        + evictionCost(c, model, fleet);
            } else {
                cost[i] = Double.POSITIVE_INFINITY;
            }
            best = Math.min(best, cost[i]);
        }
        return pick(candidates, cost, reason, best);
    }

    /**
     * Among the candidates within 5% of the best: the warmest (a node that has the model beats one that would load
     * it), then the fewest in flight per weight, then the fewest models loaded; those still tied take turns by
     * weight.
     */
    private Choice pick(List<NodeState> candidates, double[] cost, RouteReason[] reason, double best) {
        double limit = best * EQUALLY_GOOD + 1;
        int lead = -1;
        for (int i = 0; i < cost.length; i++) {
            if (cost[i] <= limit && (lead < 0 || order(candidates, reason, i, lead) < 0)) {
                lead = i;
            }
        }
        List<NodeState> tied = new ArrayList<>(2);
        for (int i = 0; i < cost.length; i++) {
            if (cost[i] <= limit && order(candidates, reason, i, lead) == 0) {
                tied.add(candidates.get(i));
            }
        }
        NodeState chosen = tied.size() == 1 ? tied.get(0) : turns.select(tied, null).node();
        return new Choice(chosen, reason[candidates.indexOf(chosen)]);
    }

    private static int order(List<NodeState> candidates, RouteReason[] reason, int i, int j) {
        int byWarmth = Integer.compare(reason[i].ordinal(), reason[j].ordinal());
        if (byWarmth != 0) {
            return byWarmth;
        }
        NodeState a = candidates.get(i);
        NodeState b = candidates.get(j);
        int byLoad = Weights.compare(a.inFlight(), a.endpoint().weight(), b.inFlight(), b.endpoint().weight());
        return byLoad != 0
                ? byLoad
                : Integer.compare(a.residency().loadedCount(), b.residency().loadedCount());
    }

    /**
     * What loading {@code model} on a full node costs others: when the model it pushes out is wanted (in use, or used
     * within {@link #RECENT}), two reloads of it (its users want it back, and loading it elsewhere pushes out the next
     * model) plus one per request of it in flight there; half of one when it has been idle longer (it may not be asked
     * for again soon). Without the first part, an overloaded model spreads by pushing out the others, which then push
     * out each other in turn (bench/routing).
     */
    private static double evictionCost(NodeState node, ModelName model, Fleetwide fleet) {
        Residency residency = node.residency();
        if (residency.loadedCount() < residency.assumedRoom()) {
            return 0;
        }
        ModelName victim = residency.victim(model);
        if (victim == null) {
            return 0;
        }
        double reload = fleet.load(node, victim);
        int using = residency.inFlight(victim);
        Duration idle = residency.idleFor(victim);
        // A model in use, or used a moment ago, is wanted: its users will want it back (one reload), and loading it
        // elsewhere pushes out the next model (another); plus one per request of it already waiting here.
        boolean wanted = using > 0 || idle != null && idle.compareTo(RECENT) < 0;
        return wanted ? reload * (2 + using) : reload / 2;
    }

    /** The figures of one model across the candidates, for nodes that have not learned their own. */
    private record Fleetwide(double loadMillis, double slotMillis, double meanWeight) {

        static Fleetwide of(List<NodeState> candidates, ModelName model) {
            double load = 0;
            double slot = 0;
            double weight = 0;
            int loads = 0;
            int slots = 0;
            for (NodeState c : candidates) {
                Duration l = c.residency().loadTime(model);
                Duration s = c.residency().slotTime(model);
                if (l != null) {
                    load += l.toMillis();
                    loads++;
                }
                if (s != null) {
                    slot += s.toMillis();
                    slots++;
                }
                weight += c.endpoint().weight();
            }
            return new Fleetwide(loads == 0 ? PRIOR_LOAD.toMillis() : load / loads,
                    slots == 0 ? PRIOR_SLOT.toMillis() : slot / slots, weight / candidates.size());
        }

        double load(NodeState node, ModelName model) {
            Duration own = node.residency().loadTime(model);
            return own != null ? own.toMillis() : loadMillis * meanWeight / node.endpoint().weight();
        }

        double slot(NodeState node, ModelName model) {
            Duration own = node.residency().slotTime(model);
            return own != null ? own.toMillis() : slotMillis * meanWeight / node.endpoint().weight();
        }
    }
}
