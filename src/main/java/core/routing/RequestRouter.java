package core.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import core.MalformedRequestException;
import core.fleet.Fleet;
import core.fleet.ModelName;
import core.fleet.ModelRegistry;
import core.fleet.NodeState;
import core.fleet.NodeType;
import core.fleet.UnknownModelException;
import core.fleet.UnknownNodeException;
import ports.in.ForwardRequestUseCase;
import ports.out.ProxyEngine;
import ports.out.ResilienceEvents;

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
    private final AdmissionQueue queue;
    private final Drain drain;
    private final ResilienceEvents events;

    public RequestRouter(Fleet fleet, ModelRegistry registry, LoadBalancer balancer, ProxyEngine engine,
            RetryPolicy policy, AdmissionQueue queue, Drain drain, ResilienceEvents events) {
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

    @Override
    public CompletionStage<ProxyResponse> forward(ProxyRequest request) {
        try {
            if (drain.draining()) {
                events.rejected("draining");
                throw new DrainingException();
            }
            if (request.targetEndpoint() != null) {
                NodeState named = namedState(request.targetEndpoint());
                return admit(request, List.of(named), () -> notRoutable(named));
            }
            List<NodeState> holders = servers(request, registry.holders(request.model()));
            if (!holders.isEmpty()) {
                return admit(request, holders, () -> notRoutable(request.model(), holders));
            }
            return registry.refreshOnMiss().thenCompose(v -> {
                List<NodeState> listing = registry.holders(request.model());
                List<NodeState> refreshed = servers(request, listing);
                if (refreshed.isEmpty()) {
                    throw new UnknownModelException(request.model().canonical(),
                            listing.stream().map(NodeState::name).toList());
                }
                return admit(request, refreshed, () -> notRoutable(request.model(), refreshed));
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The holders that can serve this request's API: native Ollama calls only go to Ollama nodes. */
    private static List<NodeState> servers(ProxyRequest request, List<NodeState> holders) {
        if (!request.requiresOllama()) {
            return holders;
        }
        List<NodeState> ollama = new ArrayList<>(holders.size());
        for (NodeState state : holders) {
            if (state.type() == NodeType.OLLAMA) {
                ollama.add(state);
            }
        }
        return ollama;
    }

    private NodeState namedState(String name) {
        NodeState state = fleet.get(name).orElseThrow(() -> new UnknownNodeException(name, fleet.names()));
        if (state.type() == NodeType.OPENAI) {
            throw new MalformedRequestException("node '" + name + "' is an OpenAI-compatible server; model"
                    + " management (/api/pull, /api/delete, ...) needs an Ollama node");
        }
        return state;
    }

    private static NoRoutableNodeException notRoutable(NodeState state) {
        return new NoRoutableNodeException("node '" + state.name() + "' cannot take requests now ("
                + condition(state) + "); retry shortly", retryAfter(List.of(state)));
    }

    private static NoRoutableNodeException notRoutable(ModelName model, List<NodeState> holders) {
        return new NoRoutableNodeException("model '" + model + "' is on " + holders.stream()
                .map(s -> s.name() + " (" + condition(s) + ")").collect(Collectors.joining(", "))
                + " but no node can take a request now; retry shortly", retryAfter(holders));
    }

    /**
     * Sends the request to a candidate with a free slot; when every routable candidate is full it waits in the
     * admission queue; when none is routable it fails with {@code unavailable}. Cancelling the result (the client
     * left) leaves the queue or cancels the request under way.
     */
    private CompletionStage<ProxyResponse> admit(ProxyRequest request, List<NodeState> candidates,
            Supplier<NoRoutableNodeException> unavailable) {
        Optional<Lease> lease = balancer.lease(candidates, request.loadsModel(), request.session());
        if (lease.isPresent()) {
            return dispatch(lease.get(), candidates, request);
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
            CompletableFuture<ProxyResponse> sent = dispatch(granted, candidates, request);
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
            ProxyRequest request) {
        return new Dispatch(request, candidates, balancer, engine, policy, events, fleet.ticker()).start(lease);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
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
