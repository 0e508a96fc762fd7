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

import core.CircuitState;
import core.Endpoint;
import core.EndpointFailedException;
import core.EndpointTimeoutException;
import core.ProxyRequest;
import core.ProxyResponse;
import ports.out.ProxyEngine;

/**
 * A circuit breaker per node around another engine, on SmallRye Fault Tolerance's programmatic API. A node's
 * connection failures, timeouts and 5xx answers count as failures; its 4xx answers (the client's mistake) and every
 * success count as successes. An open breaker fails a request at once with {@link EndpointFailedException}, which the
 * router treats like a refused connection (another node is tried). State changes are reported to {@code listener}.
 * Non-blocking: no thread offload, the guarded stage completes on the engine's event loop.
 */
final class CircuitBreakingEngine implements ProxyEngine, AutoCloseable {

    private static final TypeLiteral<CompletionStage<ProxyResponse>> ANSWER = new TypeLiteral<>() {
    };

    private final ProxyEngine delegate;
    private final Breakers settings;
    private final BiConsumer<String, CircuitState> listener;
    private final ConcurrentMap<String, TypedGuard<CompletionStage<ProxyResponse>>> guards = new ConcurrentHashMap<>();

    /** The breaker settings of {@code proxy.circuit_breaker}. */
    record Breakers(int window, double failureRatio, Duration delay, int successThreshold) {
    }

    CircuitBreakingEngine(ProxyEngine delegate, Breakers settings, BiConsumer<String, CircuitState> listener) {
        this.delegate = delegate;
        this.settings = settings;
        this.listener = listener;
    }

    @Override
    public CompletionStage<ProxyResponse> send(Endpoint endpoint, ProxyRequest request) {
        TypedGuard<CompletionStage<ProxyResponse>> guard = guards.computeIfAbsent(endpoint.name(), this::guard);
        CompletionStage<ProxyResponse> guarded;
        try {
            guarded = guard.get(() -> delegate.send(endpoint, request).thenApply(CircuitBreakingEngine::failOn5xx));
        } catch (CircuitBreakerOpenException e) {
            return CompletableFuture.failedFuture(open(endpoint));
        }
        return guarded.handle((response, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(response);
            }
            Throwable cause = unwrap(error);
            if (cause instanceof NodeErrorAnswer answer) {
                return CompletableFuture.completedFuture(answer.response);
            }
            if (cause instanceof CircuitBreakerOpenException) {
                return CompletableFuture.<ProxyResponse>failedFuture(open(endpoint));
            }
            return CompletableFuture.<ProxyResponse>failedFuture(cause);
        }).thenCompose(stage -> stage);
    }

    private TypedGuard<CompletionStage<ProxyResponse>> guard(String endpoint) {
        return TypedGuard.create(ANSWER)
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
                .withThreadOffload(false)
                .build();
    }

    private static boolean isNodeFailure(Throwable error) {
        return error instanceof NodeErrorAnswer || error instanceof EndpointFailedException
                || error instanceof EndpointTimeoutException;
    }

    /** A 5xx answer travels through the guard as a failure so that it counts, and is handed on unchanged after. */
    private static ProxyResponse failOn5xx(ProxyResponse response) {
        if (response.status() >= 500) {
            throw new NodeErrorAnswer(response);
        }
        return response;
    }

    private EndpointFailedException open(Endpoint endpoint) {
        return new EndpointFailedException(endpoint.name(), "its circuit breaker is open after repeated failures"
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

    /** Carries a node's 5xx answer through the breaker; not an error anyone sees. */
    private static final class NodeErrorAnswer extends RuntimeException {

        private final transient ProxyResponse response;

        NodeErrorAnswer(ProxyResponse response) {
            super("node answered " + response.status(), null, false, false);
            this.response = response;
        }
    }
}
