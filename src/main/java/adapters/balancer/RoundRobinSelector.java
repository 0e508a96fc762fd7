package adapters.balancer;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import core.fleet.EndpointState;
import ports.out.EndpointSelector;

/** Takes the candidates in turn, one shared counter for all requests. Lock-free. */
final class RoundRobinSelector implements EndpointSelector {

    private final AtomicLong next = new AtomicLong();

    @Override
    public EndpointState select(List<EndpointState> candidates) {
        return candidates.get((int) Math.floorMod(next.getAndIncrement(), (long) candidates.size()));
    }
}
