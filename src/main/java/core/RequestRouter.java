package core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import ports.in.ForwardRequestUseCase;
import ports.out.ProxyEngine;

/**
 * Turns a client request into a lease on a node and sends it there: model-routed requests go to a routable node that
 * lists the model (after one fleet-wide refresh on a miss), targeted ones to the named node. The lease ends when the
 * answer ends, fails, or the caller cancels. Non-blocking.
 */
public final class RequestRouter implements ForwardRequestUseCase {

    private final Fleet fleet;
    private final ModelRegistry registry;
    private final LoadBalancer balancer;
    private final ProxyEngine engine;
    private final RetryPolicy policy;

    public RequestRouter(Fleet fleet, ModelRegistry registry, LoadBalancer balancer, ProxyEngine engine,
            RetryPolicy policy) {
        this.fleet = fleet;
        this.registry = registry;
        this.balancer = balancer;
        this.engine = engine;
        this.policy = policy;
    }

    @Override
    public CompletionStage<ProxyResponse> forward(ProxyRequest request) {
        try {
            if (request.targetEndpoint() != null) {
                EndpointState named = namedState(request.targetEndpoint());
                return dispatch(leaseNamed(named), List.of(named), request);
            }
            List<EndpointState> holders = servers(request, registry.holders(request.model()));
            if (!holders.isEmpty()) {
                return dispatch(leaseAmong(request.model(), holders), holders, request);
            }
            return registry.refreshOnMiss().thenCompose(v -> {
                List<EndpointState> listing = registry.holders(request.model());
                List<EndpointState> refreshed = servers(request, listing);
                if (refreshed.isEmpty()) {
                    throw new UnknownModelException(request.model().canonical(),
                            listing.stream().map(EndpointState::name).toList());
                }
                return dispatch(leaseAmong(request.model(), refreshed), refreshed, request);
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The holders that can serve this request's API: native Ollama calls only go to Ollama nodes. */
    private static List<EndpointState> servers(ProxyRequest request, List<EndpointState> holders) {
        if (!request.requiresOllama()) {
            return holders;
        }
        List<EndpointState> ollama = new ArrayList<>(holders.size());
        for (EndpointState state : holders) {
            if (state.type() == EndpointType.OLLAMA) {
                ollama.add(state);
            }
        }
        return ollama;
    }

    private EndpointState namedState(String name) {
        return fleet.get(name).orElseThrow(() -> new UnknownEndpointException(name, fleet.names()));
    }

    private Lease leaseNamed(EndpointState state) {
        String name = state.name();
        if (state.type() == EndpointType.OPENAI) {
            throw new MalformedRequestException("node '" + name + "' is an OpenAI-compatible server; model"
                    + " management (/api/pull, /api/delete, ...) needs an Ollama node");
        }
        return balancer.lease(List.of(state)).orElseThrow(() -> new NoRoutableEndpointException(
                "node '" + name + "' cannot take requests now (" + condition(state) + "); retry shortly",
                retryAfter(List.of(state))));
    }

    private Lease leaseAmong(ModelName model, List<EndpointState> holders) {
        return balancer.lease(holders).orElseThrow(() -> new NoRoutableEndpointException(
                "model '" + model + "' is on " + holders.stream().map(s -> s.name() + " (" + condition(s) + ")")
                        .collect(Collectors.joining(", "))
                        + " but no node can take a request now; retry shortly",
                retryAfter(holders)));
    }

    private CompletionStage<ProxyResponse> dispatch(Lease lease, List<EndpointState> candidates,
            ProxyRequest request) {
        return new Dispatch(request, candidates, balancer, engine, policy).start(lease);
    }

    private static String condition(EndpointState state) {
        if (!state.status().routable() || state.type() == null) {
            return state.status().name().toLowerCase(java.util.Locale.ROOT);
        }
        if (!state.routable()) {
            return "circuit breaker open";
        }
        return "full at " + state.endpoint().maxConcurrency() + " in flight";
    }

    private static Duration retryAfter(List<EndpointState> states) {
        Duration shortest = states.stream().map(s -> s.endpoint().checkInterval()).min(Duration::compareTo)
                .orElse(Duration.ofSeconds(1));
        return shortest.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : shortest;
    }
}
