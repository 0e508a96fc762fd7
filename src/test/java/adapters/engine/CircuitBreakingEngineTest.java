package adapters.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import core.CircuitState;
import core.Endpoint;
import core.EndpointFailedException;
import core.EndpointType;
import core.ModelName;
import core.ProxyRequest;
import core.ProxyResponse;

/** One breaker per node: what trips it, what it does while open, and how it closes again. */
class CircuitBreakingEngineTest {

    private static final Endpoint NODE = new Endpoint("gpu-a", URI.create("http://127.0.0.1:1"), EndpointType.OLLAMA,
            0, 0, Duration.ofSeconds(5), Duration.ofSeconds(2));
    private static final ProxyRequest REQUEST = ProxyRequest.forModel("r", "POST", "/api/chat", List.of(), null,
            ModelName.of("llama3"));

    private final AtomicInteger calls = new AtomicInteger();
    private final List<CircuitState> changes = new CopyOnWriteArrayList<>();
    private volatile Supplier<CompletableFuture<ProxyResponse>> node = () -> answer(200);
    private final CircuitBreakingEngine engine = new CircuitBreakingEngine((endpoint, request) -> {
        calls.incrementAndGet();
        return node.get();
    }, new CircuitBreakingEngine.Breakers(4, 0.5, Duration.ofMillis(300), 1), (name, state) -> changes.add(state));

    @Test
    void shouldOpenAfterTheFailureRatioAndFailFastWithoutCallingTheNode() {
        // Given
        node = () -> CompletableFuture.failedFuture(new EndpointFailedException("gpu-a", "connection refused", null));

        // When
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> send().join()).hasMessageContaining("connection refused");
        }

        // Then
        assertThat(changes).containsExactly(CircuitState.OPEN);
        assertThatThrownBy(() -> send().join()).hasCauseInstanceOf(EndpointFailedException.class)
                .hasMessageContaining("circuit breaker is open");
        assertThat(calls).hasValue(4);
    }

    @Test
    void shouldCountFiveHundredsButHandThemOnUnchanged() {
        // Given
        node = () -> answer(500);

        // When
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(send().join().status());
        }

        // Then
        assertThat(statuses).containsOnly(500);
        assertThat(changes).containsExactly(CircuitState.OPEN);
    }

    @Test
    void shouldNeverTripOnTheClientsOwnMistakes() {
        // Given
        node = () -> answer(404);

        // When
        for (int i = 0; i < 20; i++) {
            assertThat(send().join().status()).isEqualTo(404);
        }

        // Then
        assertThat(changes).isEmpty();
        assertThat(calls).hasValue(20);
    }

    @Test
    void shouldHalfOpenAfterTheDelayAndCloseOnASuccessfulTrial() throws Exception {
        // Given: open
        node = () -> answer(503);
        for (int i = 0; i < 4; i++) {
            send().join();
        }
        assertThat(changes).containsExactly(CircuitState.OPEN);

        // When: the node recovers and the delay passes
        node = () -> answer(200);
        Thread.sleep(350);
        ProxyResponse trial = send().join();

        // Then
        assertThat(trial.status()).isEqualTo(200);
        assertThat(changes).containsExactly(CircuitState.OPEN, CircuitState.HALF_OPEN, CircuitState.CLOSED);
    }

    @Test
    void shouldOpenAgainWhenTheTrialFails() throws Exception {
        // Given
        node = () -> answer(502);
        for (int i = 0; i < 4; i++) {
            send().join();
        }
        Thread.sleep(350);

        // When
        send().join();

        // Then
        assertThat(changes).containsExactly(CircuitState.OPEN, CircuitState.HALF_OPEN, CircuitState.OPEN);
    }

    private CompletableFuture<ProxyResponse> send() {
        return engine.send(NODE, REQUEST).toCompletableFuture();
    }

    private static CompletableFuture<ProxyResponse> answer(int status) {
        Flow.Publisher<ByteBuffer> body = new SubmissionPublisher<>();
        return CompletableFuture.completedFuture(new ProxyResponse(status, List.of(), body, "gpu-a"));
    }
}
