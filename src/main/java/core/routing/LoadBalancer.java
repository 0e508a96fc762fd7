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

    private volatile NodeSelector selector;
    private final SessionPins sessions;
    private volatile Runnable onRelease = () -> {
    };
    private volatile Consumer<NodeState> onColdStart = state -> {
    };

    public LoadBalancer(NodeSelector selector) {
        this(selector, SessionPins.OFF);
    }

    /** A balancer that keeps each session's requests on one node while {@code sessions} allows. */
    public LoadBalancer(NodeSelector selector, SessionPins sessions) {
        this.selector = selector;
        this.sessions = sessions;
    }

    /**
     * Chooses with {@code next} from the next request on when it is a different kind of balancer from the one in
     * place (a configuration reload; the one in place keeps its state otherwise); true when it was put in place.
     */
    public boolean selector(NodeSelector next) {
        if (next.getClass() == selector.getClass()) {
            return false;
        }
        selector = next;
        return true;
    }

    public SessionPins sessions() {
        return sessions;
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
        return lease(holders, model, ProxyRequest.NO_SESSION);
    }

    /**
     * As {@link #lease(List, ModelName)}, for a request of {@code session} ({@link ProxyRequest#NO_SESSION}: none):
     * the node the session last used for the model when it can take it ({@link SessionPins#canStay}); else the
     * selector chooses, and the session is pinned to its choice.
     */
    public Optional<Lease> lease(List<NodeState> holders, ModelName model, long session) {
        List<NodeState> candidates = routable(holders);
        Affinity affinity = Affinity.NONE;
        if (session != ProxyRequest.NO_SESSION && model != null && sessions.enabled() && !candidates.isEmpty()) {
            String pinned = sessions.pinned(session, model);
            affinity = pinned == null ? Affinity.MISS : Affinity.MOVED;
            NodeState at = pinned == null ? null : named(candidates, pinned);
            if (at != null && sessions.canStay(at, candidates) && at.tryAcquire()) {
                sessions.pin(session, model, at.name());
                return Optional.of(leased(at, model, RouteReason.SESSION, Affinity.HIT));
            }
        }
        while (!candidates.isEmpty()) {
            Choice choice = candidates.size() > 1
                    ? selector.select(candidates, model)
                    : new Choice(candidates.get(0),
                            holders.size() == 1 ? RouteReason.ONLY_HOLDER : RouteReason.ONLY_ROUTABLE);
            NodeState chosen = choice.node();
            if (chosen.tryAcquire()) {
                if (affinity != Affinity.NONE) {
                    sessions.pin(session, model, chosen.name());
                }
                return Optional.of(leased(chosen, model, choice.reason(), affinity));
            }
            candidates = without(candidates, chosen);
        }
        return Optional.empty();
    }

    /** A lease on {@code chosen}, whose slot the caller has acquired. */
    private Lease leased(NodeState chosen, ModelName model, RouteReason reason, Affinity affinity) {
        boolean warm = model == null || chosen.warm(model);
        if (model != null) {
            chosen.residency().started(model);
        }
        return new Lease(chosen, model, reason, !warm, affinity, () -> onRelease.run());
    }

    private static NodeState named(List<NodeState> candidates, String name) {
        for (NodeState state : candidates) {
            if (state.name().equals(name)) {
                return state;
            }
        }
        return null;
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
