package adapters.engine;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiConsumer;

import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import io.smallrye.faulttolerance.api.TypedGuard;

import core.fleet.CircuitState;
import core.fleet.Node;
import core.routing.NodeFailedException;
import core.routing.NodeTimeoutException;
import core.routing.ProxyRequest;
import core.routing.ProxyResponse;
import core.routing.WatchedBody;
import ports.out.ProxyEngine;

/**
 * A circuit breaker per node around another engine, on SmallRye Fault Tolerance's programmatic API. The breaker judges
 * each exchange whole, from the request to the answer's last byte: connection failures, timeouts, 5xx answers and
 * answers that fail in the middle (cut, silent past {@code idle_timeout}, past {@code total_timeout}) count as
 * failures; 4xx answers (the client's mistake), complete answers and clients that leave count as successes. So a node
 * that cuts every stream opens its breaker like one that refuses connections, although a cut answer is never retried.
 * An open breaker fails a request at once with {@link NodeFailedException}, which the router treats like a refused
 * connection (another node is tried). State changes are reported to {@code listener}. Non-blocking: the guarded
 * call runs in place on the caller's event loop, and the stages complete where the answer arrives.
 */
final class CircuitBreakingEngine implements ProxyEngine, AutoCloseable {

    private static final TypeLiteral<CompletionStage<Void>> OUTCOME = new TypeLiteral<>() {
    };

    private final ProxyEngine delegate;
    private final Breakers settings;
    private final BiConsumer<String, CircuitState> listener;
    private final ConcurrentMap<String, TypedGuard<CompletionStage<Void>>> guards = new ConcurrentHashMap<>();

    /** The breaker settings of {@code proxy.circuit_breaker}. */
    record Breakers(int window, double failureRatio, Duration delay, int successThreshold) {
    }

    CircuitBreakingEngine(ProxyEngine delegate, Breakers settings, BiConsumer<String, CircuitState> listener) {
        this.delegate = delegate;
        this.settings = settings;
        this.listener = listener;
    }

    @Override
    public CompletionStage<ProxyResponse> send(Node endpoint, ProxyRequest request) {
        TypedGuard<CompletionStage<Void>> guard = guards.computeIfAbsent(endpoint.name(), this::guard);
        CompletableFuture<ProxyResponse> head = new CompletableFuture<>();
        CompletionStage<Void> outcome;
        try {
            outcome = guard.get(() -> exchange(endpoint, request, head));
        } catch (CircuitBreakerOpenException e) {
            return CompletableFuture.failedFuture(open(endpoint));
        }
        outcome.whenComplete((done, error) -> {
            if (error != null && !head.isDone()) {
                Throwable cause = unwrap(error);
                head.completeExceptionally(cause instanceof CircuitBreakerOpenException ? open(endpoint) : cause);
            }
        });
        return head;
    }

    /**
     * Runs one exchange: {@code head} gets the answer as soon as it begins; the stage returned to the breaker ends
     * with the answer, failing if the node failed at any point of it.
     */
    private CompletionStage<Void> exchange(Node endpoint, ProxyRequest request,
            CompletableFuture<ProxyResponse> head) {
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        CompletableFuture<ProxyResponse> upstream = delegate.send(endpoint, request).toCompletableFuture();
        head.whenComplete((response, error) -> {
            if (head.isCancelled()) {
                upstream.cancel(true);
                outcome.complete(null);
            }
        });
        upstream.whenComplete((response, error) -> {
            if (error != null) {
                outcome.completeExceptionally(unwrap(error));
                return;
            }
            if (response.status() >= 500) {
                head.complete(response);
                outcome.completeExceptionally(new NodeErrorAnswer(response.status()));
                return;
            }
            ProxyResponse watched = response.withBody(new WatchedBody(response.body(), new WatchedBody.Ending() {
                @Override
                public void completed() {
                    outcome.complete(null);
                }

                @Override
                public void failed(Throwable error) {
                    outcome.completeExceptionally(error);
                }

                @Override
                public void cancelled() {
                    // The client left: not the node's failure.
                    outcome.complete(null);
                }
            }));
            if (!head.complete(watched)) {
                watched.drop();
            }
        });
        return outcome;
    }

    private TypedGuard<CompletionStage<Void>> guard(String endpoint) {
        return TypedGuard.create(OUTCOME)
                .withDescription("drover node " + endpoint)
                .withCircuitBreaker()
                .requestVolumeThreshold(settings.window())
                .failureRatio(settings.failureRatio())
                .delay(settings.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(settings.successThreshold())
                .when(CircuitBreakingEngine::isNodeFailure)
                .onStateChange(state -> listener.accept(endpoint, switch (state) {
                    case CLOSED -> CircuitState.CLOSED;
                    case OPEN -> CircuitState.OPEN;
                    case HALF_OPEN -> CircuitState.HALF_OPEN;
                }))
                .done()
                // "No offload" would still hop: SmallRye remembers the caller's event loop and runs the guarded call,
                // then its completion, as two more tasks on that loop (each request waited for the loop's next turn
                // twice). The exchange never blocks, so it runs in place on the caller's loop, and its stages complete
                // where the node's answer arrives, which is that same loop (HttpTransport's pools are per loop).
                .withThreadOffload(true)
                .withThreadOffloadExecutor(Runnable::run)
                .build();
    }

    private static boolean isNodeFailure(Throwable error) {
        return error instanceof NodeErrorAnswer || error instanceof NodeFailedException
                || error instanceof NodeTimeoutException;
    }

    private NodeFailedException open(Node endpoint) {
        return new NodeFailedException(endpoint.name(), "its circuit breaker is open after repeated failures"
                + " (retried in " + settings.delay().toSeconds() + " s at most)", null);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    @Override
    public void close() throws Exception {
        if (delegate instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /** Tells the breaker the node answered 5xx; the answer itself went on unchanged. Not an error anyone sees. */
    private static final class NodeErrorAnswer extends RuntimeException {

        NodeErrorAnswer(int status) {
            super("node answered " + status, null, false, false);
        }
    }
}
