package core.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import core.MalformedRequestException;
import core.fleet.Fleet;
import core.fleet.ModelName;
import core.fleet.ModelRegistry;
import core.fleet.NodeState;
import core.fleet.NodeType;
import core.fleet.UnknownModelException;
import core.fleet.UnknownNodeException;
import ports.in.ForwardRequestUseCase;
import ports.out.NodeSelector;
import ports.out.ProxyEngine;
import ports.out.ResilienceEvents;

/**
 * Turns a client request into a lease on a node and sends it there: model-routed requests go to a routable node that
 * lists the model (after one fleet-wide refresh on a miss), targeted ones to the named node. The operator's
 * {@link ModelRoutes} decide which model a name stands for, which nodes may serve it, and which fallback takes a
 * request that no node of its model can take now (before anything is sent; otherwise the request waits for its own). The lease ends when the
 * answer ends, fails, or the caller cancels. Non-blocking.
 */
public final class RequestRouter implements ForwardRequestUseCase {

    private final Fleet fleet;
    private final ModelRegistry registry;
    private final LoadBalancer balancer;
    private final ProxyEngine engine;
    private volatile RetryPolicy policy;
    private final AdmissionQueue queue;
    private final Drain drain;
    private final ResilienceEvents events;
    private final ModelRoutes routes;

    public RequestRouter(Fleet fleet, ModelRegistry registry, LoadBalancer balancer, ProxyEngine engine,
            RetryPolicy policy, AdmissionQueue queue, Drain drain, ResilienceEvents events) {
        this(fleet, registry, balancer, engine, policy, queue, drain, events, ModelRoutes.NONE);
    }

    /** A router that follows the operator's {@code routes} (aliases, fallbacks, node restrictions). */
    public RequestRouter(Fleet fleet, ModelRegistry registry, LoadBalancer balancer, ProxyEngine engine,
            RetryPolicy policy, AdmissionQueue queue, Drain drain, ResilienceEvents events, ModelRoutes routes) {
        this.routes = routes;
        this.fleet = fleet;
        this.registry = registry;
        this.balancer = balancer;
        this.engine = engine;
        this.policy = policy;
        this.queue = queue;
        this.drain = drain;
        this.events = events;
    }

    /** A router whose requests never wait: every candidate full means 429 at once. */
    public RequestRouter(Fleet fleet, ModelRegistry registry, LoadBalancer balancer, ProxyEngine engine,
            RetryPolicy policy) {
        this(fleet, registry, balancer, engine, policy, AdmissionQueue.disabled(balancer),
                new Drain(fleet, AdmissionQueue.disabled(balancer)), ResilienceEvents.NONE);
    }

    /**
     * Chooses with {@code selector} (named {@code balancer}, for logs), routes model names by {@code next} and retries
     * by {@code retries} from the next request on (a configuration reload); requests under way keep their node and
     * policy. Returns what changed: {@code load_balancer=<name>}, {@code models}, {@code max_attempts=<n>}.
     */
    public List<String> reconfigure(NodeSelector selector, String balancer, ModelRoutes next, RetryPolicy retries) {
        List<String> changed = new ArrayList<>(3);
        if (this.balancer.selector(selector)) {
            changed.add("load_balancer=" + balancer);
        }
        if (routes.replace(next)) {
            changed.add("models");
        }
        if (retries.maxAttempts() != policy.maxAttempts()) {
            changed.add("max_attempts=" + retries.maxAttempts());
        }
        policy = retries;
        return changed;
    }

    @Override
    public CompletionStage<ProxyResponse> forward(ProxyRequest request) {
        try {
            if (drain.draining()) {
                events.rejected("draining");
                throw new DrainingException();
            }
            if (request.targetEndpoint() != null) {
                NodeState named = namedState(request.targetEndpoint());
                return admit(request, List.of(named), () -> Unroutable.node(named), List.of());
            }
            ProxyRequest primary = request;
            List<ProxyRequest> fallbacks = List.of();
            if (!routes.isEmpty()) {
                List<ModelRoutes.Served> chain = routes.candidates(request.model(), request.model().canonical());
                primary = served(request, chain.get(0));
                fallbacks = new ArrayList<>(chain.size() - 1);
                for (int i = 1; i < chain.size(); i++) {
                    fallbacks.add(served(request, chain.get(i)));
                }
            }
            return byModel(primary, fallbacks);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Sends {@code primary} to a node of its model; {@code fallbacks} when none can take it now. */
    private CompletionStage<ProxyResponse> byModel(ProxyRequest primary, List<ProxyRequest> fallbacks) {
        List<NodeState> holders = servers(primary, registry.holders(primary.model()));
        if (!holders.isEmpty()) {
            return admit(primary, holders,
                    () -> Unroutable.model(primary.model(), holders, restricted(primary.model())), fallbacks);
        }
        return registry.refreshOnMiss().thenCompose(v -> {
            List<NodeState> listing = registry.holders(primary.model());
            List<NodeState> refreshed = servers(primary, listing);
            if (!refreshed.isEmpty()) {
                return admit(primary, refreshed,
                        () -> Unroutable.model(primary.model(), refreshed, restricted(primary.model())), fallbacks);
            }
            for (int i = 0; i < fallbacks.size(); i++) {
                ProxyRequest fallback = fallbacks.get(i);
                List<NodeState> others = servers(fallback, registry.holders(fallback.model()));
                if (!others.isEmpty()) {
                    return admit(fallback, others,
                            () -> Unroutable.model(fallback.model(), others, restricted(fallback.model())),
                            fallbacks.subList(i + 1, fallbacks.size()));
                }
            }
            List<NodeState> sameApi = servers(primary, listing, ModelRoutes.NONE);
            if (!sameApi.isEmpty()) {
                throw UnknownModelException.keptFrom(primary.model().canonical(),
                        sameApi.stream().map(NodeState::name).toList());
            }
            throw new UnknownModelException(primary.model().canonical(),
                    listing.stream().map(NodeState::name).toList());
        });
    }

    private boolean restricted(ModelName model) {
        ModelRoutes.Route route = routes.route(model);
        return route != null && route.restricted();
    }

    /** The request as sent for {@code served}: its body naming that model, its answer saying so. */
    private static ProxyRequest served(ProxyRequest request, ModelRoutes.Served served) {
        return request.servedAs(served);
    }

    /**
     * The first fallback that can take the request now, sent there; null when none can (the caller then waits for
     * the primary's nodes).
     */
    private CompletableFuture<ProxyResponse> fallback(List<ProxyRequest> fallbacks) {
        for (int i = 0; i < fallbacks.size(); i++) {
            ProxyRequest fallback = fallbacks.get(i);
            List<NodeState> holders = holders(fallback);
            if (holders.isEmpty()) {
                continue;
            }
            Optional<Lease> lease = balancer.lease(holders, fallback.loadsModel(), fallback.session());
            if (lease.isPresent()) {
                return dispatch(lease.get(), holders, fallback, fallbacks.subList(i + 1, fallbacks.size()));
            }
        }
        return null;
    }

    /**
     * The holders that can serve this request: native Ollama calls only go to Ollama nodes, and a model kept to some
     * nodes ({@link ModelRoutes#allows}) only to those.
     */
    private List<NodeState> servers(ProxyRequest request, List<NodeState> holders) {
        return servers(request, holders, routes);
    }

    private static List<NodeState> servers(ProxyRequest request, List<NodeState> holders, ModelRoutes routes) {
        boolean ollamaOnly = request.requiresOllama();
        if (!ollamaOnly && routes.isEmpty()) {
            return holders;
        }
        List<NodeState> result = new ArrayList<>(holders.size());
        for (NodeState state : holders) {
            if ((!ollamaOnly || state.type() == NodeType.OLLAMA)
                    && routes.allows(request.model(), state.endpoint())) {
                result.add(state);
            }
        }
        return result;
    }

    private NodeState namedState(String name) {
        NodeState state = fleet.get(name).orElseThrow(() -> new UnknownNodeException(name, fleet.names()));
        if (state.type() == NodeType.OPENAI) {
            throw new MalformedRequestException("node '" + name + "' is an OpenAI-compatible server; model"
                    + " management (/api/pull, /api/delete, ...) needs an Ollama node");
        }
        return state;
    }

    /**
     * Sends the request to a candidate with a free slot; when every routable candidate is full it waits in the
     * admission queue; when none is routable it fails with {@code unavailable}. Cancelling the result (the client
     * left) leaves the queue or cancels the request under way.
     */
    private CompletionStage<ProxyResponse> admit(ProxyRequest request, List<NodeState> candidates,
            Supplier<NoRoutableNodeException> unavailable, List<ProxyRequest> fallbacks) {
        Optional<Lease> lease = balancer.lease(candidates, request.loadsModel(), request.session());
        if (lease.isPresent()) {
            return dispatch(lease.get(), candidates, request, fallbacks);
        }
        CompletableFuture<ProxyResponse> elsewhere = fallbacks.isEmpty() ? null : fallback(fallbacks);
        if (elsewhere != null) {
            return elsewhere;
        }
        if (candidates.stream().noneMatch(NodeState::routable)) {
            throw unavailable.get();
        }
        CompletableFuture<Lease> waiting = queue.await(candidates, request.loadsModel(), request.session(),
                request.priority());
        CompletableFuture<ProxyResponse> result = new CompletableFuture<>();
        result.whenComplete((response, error) -> {
            if (error instanceof CancellationException) {
                waiting.cancel(false);
            }
        });
        waiting.whenComplete((granted, error) -> {
            if (error != null) {
                result.completeExceptionally(unwrap(error));
                return;
            }
            if (result.isDone()) {
                granted.release();
                return;
            }
            CompletableFuture<ProxyResponse> sent = dispatch(granted, candidates, request, fallbacks);
            result.whenComplete((response, failure) -> {
                if (failure instanceof CancellationException) {
                    sent.cancel(false);
                }
            });
            sent.whenComplete((response, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(unwrap(failure));
                } else if (!result.complete(response)) {
                    if (response != null) {
                        response.drop();
                    }
                }
            });
        });
        return result;
    }

    private CompletableFuture<ProxyResponse> dispatch(Lease lease, List<NodeState> candidates,
            ProxyRequest request, List<ProxyRequest> fallbacks) {
        return new Dispatch(request, candidates, balancer, engine, policy, events, fleet.ticker())
                .orFallBackTo(fallbacks, this::holders).start(lease);
    }

    /** The nodes that list {@code request}'s model and may serve it. */
    private List<NodeState> holders(ProxyRequest request) {
        return servers(request, registry.holders(request.model()));
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

}
