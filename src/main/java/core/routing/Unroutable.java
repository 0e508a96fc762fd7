package core.routing;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import core.fleet.ModelName;
import core.fleet.NodeState;

/** The 503 a request gets when no node it may go to can take it now: which nodes, in what state, and when to retry. */
final class Unroutable {

    private Unroutable() {
    }

    /** The node a client named cannot take a request now. */
    static NoRoutableNodeException node(NodeState state) {
        return new NoRoutableNodeException("node '" + state.name() + "' cannot take requests now ("
                + condition(state) + "); retry shortly", retryAfter(List.of(state)));
    }

    /** No holder of {@code model} can take a request now ({@code restricted}: holders are the nodes a route allows). */
    static NoRoutableNodeException model(ModelName model, List<NodeState> holders, boolean restricted) {
        String kept = restricted ? " (the nodes models: keeps it to)" : "";
        return new NoRoutableNodeException("model '" + model + "' is on " + holders.stream()
                .map(s -> s.name() + " (" + condition(s) + ")").collect(Collectors.joining(", "))
                + kept + " but no node can take a request now; retry shortly", retryAfter(holders));
    }

    private static String condition(NodeState state) {
        if (!state.status().routable() || state.type() == null) {
            return state.status().name().toLowerCase(java.util.Locale.ROOT);
        }
        if (state.drained()) {
            return "drained";
        }
        if (state.stale()) {
            return "missed its heartbeats";
        }
        if (!state.routable()) {
            return "circuit breaker open";
        }
        return "full at " + state.endpoint().maxConcurrency() + " in flight";
    }

    private static Duration retryAfter(List<NodeState> states) {
        Duration shortest = states.stream().map(s -> s.endpoint().checkInterval()).min(Duration::compareTo)
                .orElse(Duration.ofSeconds(1));
        return shortest.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : shortest;
    }
}
