package core.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import core.fleet.EndpointState;
import ports.out.EndpointSelector;

/**
 * Turns the nodes that hold a model into a lease on one of them: keeps the routable ones, lets the selector choose,
 * and counts the choice in flight. A node at its {@code max_concurrency} is passed over. Lock-free; safe on an event
 * loop.
 */
public final class LoadBalancer {

    private final EndpointSelector selector;
    private volatile Runnable onRelease = () -> {
    };

    public LoadBalancer(EndpointSelector selector) {
        this.selector = selector;
    }

    /** Told after every lease ends, on the releasing thread (the admission queue hands the slot on). */
    void onRelease(Runnable action) {
        onRelease = action;
    }

    /** A lease on a routable node among {@code holders}, or empty when none is routable or all are full. */
    public Optional<Lease> lease(List<EndpointState> holders) {
        List<EndpointState> candidates = routable(holders);
        while (!candidates.isEmpty()) {
            EndpointState chosen = selector.select(candidates);
            if (chosen.tryAcquire()) {
                return Optional.of(new Lease(chosen, () -> onRelease.run()));
            }
            candidates = without(candidates, chosen);
        }
        return Optional.empty();
    }

    private static List<EndpointState> routable(List<EndpointState> holders) {
        for (EndpointState state : holders) {
            if (!state.routable()) {
                return holders.stream().filter(EndpointState::routable).toList();
            }
        }
        return holders;
    }

    private static List<EndpointState> without(List<EndpointState> list, EndpointState removed) {
        List<EndpointState> rest = new ArrayList<>(list);
        rest.remove(removed);
        return rest;
    }
}
