package core.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import core.fleet.ModelName;
import core.fleet.NodeState;
import ports.out.NodeSelector;

/**
 * Turns the nodes that hold a model into a lease on one of them: keeps the routable ones, lets the selector choose,
 * and counts the choice in flight. A node at its {@code max_concurrency} is passed over, and so is one that recently
 * said it is busy while another can take the request ({@link RetryPolicy#busyFor}). Lock-free; safe on an event loop.
 */
public final class LoadBalancer {

    private final NodeSelector selector;
    private volatile Runnable onRelease = () -> {
    };
    private volatile Consumer<NodeState> onColdStart = state -> {
    };

    public LoadBalancer(NodeSelector selector) {
        this.selector = selector;
    }

    /** Told after every lease ends, on the releasing thread (the admission queue hands the slot on). */
    void onRelease(Runnable action) {
        onRelease = action;
    }

    /**
     * Told when a node begins to answer a request that made it load its model: making room may have pushed other
     * models out, which its {@code /api/ps} now shows. On the answering thread; must not block.
     */
    public void onColdStart(Consumer<NodeState> action) {
        onColdStart = action;
    }

    void coldStarted(NodeState state) {
        onColdStart.accept(state);
    }

    /**
     * A lease on a routable node among {@code holders} for {@code model} (null: a request without one), or empty when
     * none is routable or all are full.
     */
    public Optional<Lease> lease(List<NodeState> holders, ModelName model) {
        List<NodeState> candidates = routable(holders);
        while (!candidates.isEmpty()) {
            Choice choice = candidates.size() > 1
                    ? selector.select(candidates, model)
                    : new Choice(candidates.get(0),
                            holders.size() == 1 ? RouteReason.ONLY_HOLDER : RouteReason.ONLY_ROUTABLE);
            NodeState chosen = choice.node();
            if (chosen.tryAcquire()) {
                boolean warm = model == null || chosen.warm(model);
                if (model != null) {
                    chosen.residency().started(model);
                }
                return Optional.of(new Lease(chosen, model, choice.reason(), !warm, () -> onRelease.run()));
            }
            candidates = without(candidates, chosen);
        }
        return Optional.empty();
    }

    /** The routable holders; of those, the ones that have not said they are busy, when there is any. */
    private static List<NodeState> routable(List<NodeState> holders) {
        for (NodeState state : holders) {
            if (!state.routable() || state.busy()) {
                List<NodeState> routable = holders.stream().filter(NodeState::routable).toList();
                List<NodeState> free = routable.stream().filter(s -> !s.busy()).toList();
                return free.isEmpty() ? routable : free;
            }
        }
        return holders;
    }

    private static List<NodeState> without(List<NodeState> list, NodeState removed) {
        List<NodeState> rest = new ArrayList<>(list);
        rest.remove(removed);
        return rest;
    }
}
