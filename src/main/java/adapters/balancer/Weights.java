package adapters.balancer;

import java.util.List;

import core.fleet.NodeState;

/** Comparisons of load per unit of weight, without division. */
final class Weights {

    private Weights() {
    }

    /** Whether every candidate has the same weight (the unweighted fast paths apply). */
    static boolean equal(List<NodeState> candidates) {
        int first = candidates.get(0).endpoint().weight();
        for (NodeState candidate : candidates) {
            if (candidate.endpoint().weight() != first) {
                return false;
            }
        }
        return true;
    }

    /** Sign of {@code loadA / weightA - loadB / weightB}. */
    static int compare(long loadA, int weightA, long loadB, int weightB) {
        return Long.compare(loadA * weightB, loadB * weightA);
    }
}
