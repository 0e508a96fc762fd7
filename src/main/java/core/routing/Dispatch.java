package core.routing;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.function.Function;

import core.Ticker;
import core.fleet.Node;
import core.fleet.NodeState;
import ports.out.ProxyEngine;
import ports.out.RequestTracer;
import ports.out.ResilienceEvents;

/**
 * One client request's way to an answer. It starts on a leased node; if that node refuses, resets, times out or
 * answers 5xx before sending a byte of its body, the request goes to another candidate it has not tried, while the
 * {@link RetryPolicy} allows and another candidate can take it; with none left, to a node of the next fallback model
 * ({@link #orFallBackTo}). Once an answer is handed on, nothing is retried. A
 * caller that cancels the result cancels the attempt under way. Non-blocking; attempts run one after another, each
 * continued on the thread that completed the previous one.
 */
final class Dispatch {

    private ProxyRequest request;
    private List<NodeState> candidates;
    private List<ProxyRequest> fallbacks = List.of();
    private Function<ProxyRequest, List<NodeState>> holdersOf = r -> List.of();
    private int nextFallback;
    private final LoadBalancer balancer;
    private final ProxyEngine engine;
    private final RetryPolicy policy;
    private final ResilienceEvents events;
    private final Ticker ticker;
    private final long deadline;
    private final CompletableFuture<ProxyResponse> result = new CompletableFuture<>();
    private List<NodeState> tried = new ArrayList<>(2);
    private volatile CompletableFuture<ProxyResponse> current;
    private volatile Lease lease;
    private int attempts;

    Dispatch(ProxyRequest request, List<NodeState> candidates, LoadBalancer balancer, ProxyEngine engine,
            RetryPolicy policy, ResilienceEvents events, Ticker ticker) {
        this.request = request;
        this.candidates = candidates;
        this.balancer = balancer;
        this.engine = engine;
        this.policy = policy;
        this.events = events;
        this.ticker = ticker;
        this.deadline = ticker.nanoTime() + policy.budget().toNanos();
        result.whenComplete((response, error) -> {
            if (error instanceof CancellationException) {
                CompletableFuture<ProxyResponse> attempt = current;
                if (attempt != null) {
                    attempt.cancel(true);
                }
                Lease held = lease;
                if (held != null) {
                    held.release();
                }
            }
        });
    }

    /**
     * Models to try, in order, once no candidate of the request's own model is left to try: each request names its
     * fallback model, and {@code holders} gives the nodes that may serve it. Before {@link #start}.
     */
    Dispatch orFallBackTo(List<ProxyRequest> requests, Function<ProxyRequest, List<NodeState>> holders) {
        this.fallbacks = requests;
        this.holdersOf = holders;
        return this;
    }

    /** Sends the request on {@code first}; the result is the first answer worth handing on, or the last failure. */
    CompletableFuture<ProxyResponse> start(Lease first) {
        send(first);
        return result;
    }

    private void send(Lease next) {
        next.keepAlive(request.keepAlive());
        attempts++;
        tried.add(next.state());
        lease = next;
        Node endpoint = next.endpoint();
        RequestTracer.Attempt traced = request.trace().attempt(endpoint.name(), endpoint.url(), attempts);
        CompletableFuture<ProxyResponse> upstream;
        try {
            upstream = engine.send(endpoint, request.withTraceHeaders(traced.propagation())).toCompletableFuture();
        } catch (RuntimeException e) {
            traced.failed(e);
            next.release();
            result.completeExceptionally(e);
            return;
        }
        current = upstream;
        if (result.isDone()) {
            upstream.cancel(true);
        }
        upstream.whenComplete((response, error) -> {
            Throwable failure = unwrap(error);
            if (failure != null) {
                traced.failed(failure);
            } else {
                traced.answered(response.status());
            }
            answered(next, response, failure);
        });
    }

    private void answered(Lease held, ProxyResponse response, Throwable error) {
        if (result.isDone()) {
            // The caller gave up while the node was still preparing its answer: drop the answer.
            drop(response);
            held.release();
            return;
        }
        if (response != null) {
            Duration busy = RetryPolicy.busyFor(response);
            if (!busy.isZero()) {
                held.state().busy(busy);
            }
        }
        boolean failedBeforeFirstByte = error != null
                ? RetryPolicy.retryable(error)
                : RetryPolicy.retryableStatus(response.status());
        if (failedBeforeFirstByte) {
            Lease next = nextLease();
            if (next != null) {
                events.retried(held.state().name(), error != null
                        ? error.getClass().getSimpleName()
                        : "status " + response.status());
                drop(response);
                held.release();
                send(next);
                return;
            }
        }
        if (error != null) {
            held.release();
            result.completeExceptionally(NodeFailure.after(error, attempts));
            return;
        }
        if (held.coldStart() && response.status() < 300) {
            balancer.coldStarted(held.state());
        }
        Flow.Publisher<ByteBuffer> body = WatchedBody.onEnd(response.body(), response.contentLength(), held::release);
        ProxyResponse answer = response.withBody(body)
                .withAttempts(attempts).routed(reason(held), held.coldStart(), held.affinity());
        if (request.served() != null) {
            answer = answer.servedAs(request.served().spelling(), request.served().fallback());
        }
        if (!result.complete(answer)) {
            drop(response);
            held.release();
        }
    }

    /**
     * A lease on an untried candidate if the policy allows another attempt; when none is left, on a node of the next
     * fallback model that can take the request now, which the request then names; else null.
     */
    private Lease nextLease() {
        if (attempts >= policy.maxAttempts() || ticker.nanoTime() - deadline > 0) {
            return null;
        }
        List<NodeState> untried = new ArrayList<>(candidates);
        untried.removeAll(tried);
        Lease next = untried.isEmpty()
                ? null
                : balancer.lease(untried, request.loadsModel(), request.session()).orElse(null);
        while (next == null && nextFallback < fallbacks.size()) {
            ProxyRequest fallback = fallbacks.get(nextFallback++);
            List<NodeState> holders = holdersOf.apply(fallback);
            next = balancer.lease(holders, fallback.loadsModel(), fallback.session()).orElse(null);
            if (next != null) {
                request = fallback;
                candidates = holders;
                tried = new ArrayList<>(2);
            }
        }
        return next;
    }

    /** Why the answering node was chosen: named by the client, next after a failure, or the balancer's reason. */
    private RouteReason reason(Lease held) {
        if (request.targetEndpoint() != null) {
            return RouteReason.NAMED;
        }
        return attempts > 1 ? RouteReason.RETRY : held.reason();
    }

    private static void drop(ProxyResponse response) {
        if (response != null) {
            response.drop();
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
