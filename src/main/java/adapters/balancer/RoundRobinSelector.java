package adapters.balancer;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import core.fleet.NodeState;
import ports.out.NodeSelector;

/** Takes the candidates in turn, one shared counter for all requests. Lock-free. */
final class RoundRobinSelector implements NodeSelector {

    private final AtomicLong next = new AtomicLong();

    @Override
    public NodeState select(List<NodeState> candidates) {
        return candidates.get((int) Math.floorMod(next.getAndIncrement(), (long) candidates.size()));
    }
}
