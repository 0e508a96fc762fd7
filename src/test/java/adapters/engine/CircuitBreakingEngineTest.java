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

import core.fleet.CircuitState;
import core.fleet.ModelName;
import core.fleet.Node;
import core.fleet.NodeType;
import core.routing.NodeFailedException;
import core.routing.ProxyRequest;
import core.routing.ProxyResponse;

/** One breaker per node: what trips it, what it does while open, and how it closes again. */
class CircuitBreakingEngineTest {

    private static final Node NODE = new Node("gpu-a", URI.create("http://127.0.0.1:1"), NodeType.OLLAMA,
            0, 0, Duration.ofSeconds(5), Duration.ofSeconds(2));
    private static final ProxyRequest REQUEST = ProxyRequest.forModel("r", "POST", "/api/chat", List.of(), null,
            ModelName.of("llama3"));

    private final AtomicInteger calls = new AtomicInteger();
    private final List<CircuitState> changes = new CopyOnWriteArrayList<>();
    private volatile Supplier<CompletableFuture<ProxyResponse>> node = () -> answer(200);
    private final List<String> ends = new CopyOnWriteArrayList<>();
    private final CircuitBreakingEngine engine = new CircuitBreakingEngine((endpoint, request) -> {
        calls.incrementAndGet();
        return node.get();
    }, new CircuitBreakingEngine.Breakers(4, 0.5, Duration.ofMillis(300), 1), (name, state) -> changes.add(state));

    @Test
    void shouldOpenAfterTheFailureRatioAndFailFastWithoutCallingTheNode() {
        // Given
        node = () -> CompletableFuture.failedFuture(new NodeFailedException("gpu-a", "connection refused", null));

        // When
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> send().join()).hasMessageContaining("connection refused");
        }

        // Then
        assertThat(changes).containsExactly(CircuitState.OPEN);
        assertThatThrownBy(() -> send().join()).hasCauseInstanceOf(NodeFailedException.class)
                .hasMessageContaining("circuit breaker is open");
        assertThat(calls).hasValue(4);
    }

    @Test
    void shouldSendInTheSameTurnOfTheEventLoopThatTookTheRequest() throws Exception {
        // Given: the engine called on an event loop, as every proxied request is
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
            CompletableFuture<Boolean> inPlace = new CompletableFuture<>();

            // When
            vertx.runOnContext(ignored -> {
                CompletableFuture<ProxyResponse> head = engine.send(NODE, REQUEST).toCompletableFuture();
                inPlace.complete(calls.get() == 1 && head.isDone());
            });

            // Then: the node was called, and its answer handed on, before the loop turned to anything else
            assertThat(inPlace.get(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            vertx.close();
        }
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
            ProxyResponse answer = send().join();
            read(answer);
            assertThat(answer.status()).isEqualTo(404);
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
        read(trial);

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

    @Test
    void shouldOpenOnAnswersThatFailInTheMiddle() {
        // Given: a node that starts every answer, then cuts it
        node = () -> answer(200, new NodeFailedException("gpu-a", "connection lost in the middle", null));

        // When: four answers, each read to its end
        for (int i = 0; i < 4; i++) {
            read(send().join());
        }

        // Then: they reached the client as begun answers, and the breaker opened on them
        assertThat(ends).hasSize(4).allMatch(end -> end.contains("connection lost in the middle"));
        assertThat(changes).containsExactly(CircuitState.OPEN);
        assertThatThrownBy(() -> send().join()).hasMessageContaining("circuit breaker is open");
    }

    @Test
    void shouldNotBlameTheNodeForAClientThatLeaves() {
        // Given: answers that never end
        node = () -> CompletableFuture.completedFuture(new ProxyResponse(200, List.of(), new SubmissionPublisher<>(),
                "gpu-a"));

        // When: every client leaves in the middle
        for (int i = 0; i < 8; i++) {
            send().join().body().subscribe(new Reader(ends) {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscription.cancel();
                }
            });
        }

        // Then
        assertThat(changes).isEmpty();
    }

    private CompletableFuture<ProxyResponse> send() {
        return engine.send(NODE, REQUEST).toCompletableFuture();
    }

    /** Reads an answer's body to its end, as the client would; its end ("complete" or the error) goes to {@code ends}. */
    private void read(ProxyResponse response) {
        response.body().subscribe(new Reader(ends));
    }

    /** An answer whose body ends at once: complete, or with {@code failure}. */
    private static CompletableFuture<ProxyResponse> answer(int status, Throwable failure) {
        Flow.Publisher<ByteBuffer> body = subscriber -> {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            if (failure == null) {
                subscriber.onComplete();
            } else {
                subscriber.onError(failure);
            }
        };
        return CompletableFuture.completedFuture(new ProxyResponse(status, List.of(), body, "gpu-a"));
    }

    private static CompletableFuture<ProxyResponse> answer(int status) {
        return answer(status, null);
    }

    /** Reads a body to its end, noting how it ended ("complete" or the error's message). */
    static class Reader implements Flow.Subscriber<ByteBuffer> {

        private final List<String> ends;

        Reader(List<String> ends) {
            this.ends = ends;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(ByteBuffer item) {
        }

        @Override
        public void onError(Throwable throwable) {
            ends.add(throwable.getMessage());
        }

        @Override
        public void onComplete() {
            ends.add("complete");
        }
    }
}
