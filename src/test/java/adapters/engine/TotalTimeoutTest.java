package adapters.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

import adapters.sim.SimSettings;
import adapters.sim.SimulatedOllama;
import core.fleet.ModelName;
import core.fleet.Node;
import core.fleet.NodeType;
import core.routing.ProxyRequest;
import core.routing.ProxyResponse;

/** proxy.total_timeout: a stream that keeps sending but runs past the limit ends with a timeout, mid-answer. */
class TotalTimeoutTest {

    private final Vertx vertx = Vertx.vertx();
    private final SimulatedOllama node = SimulatedOllama.start(vertx, SimSettings.named("long")
            .withModels(List.of("llama3.2")).withTokens(20, Duration.ofMillis(40)));
    private final Node endpoint = new Node("long", URI.create(node.url()), NodeType.OLLAMA, 0, 0,
            Duration.ofSeconds(5), Duration.ofSeconds(2));
    private final ProxyRequest request = ProxyRequest.forModel("r", "POST", "/api/generate", List.of(),
            ByteBuffer.wrap("{\"model\":\"llama3.2\",\"prompt\":\"hi\"}".getBytes()), ModelName.of("llama3.2"));

    @AfterEach
    void stop() {
        node.close();
        vertx.close();
    }

    @Test
    void shouldCutAStreamThatRunsPastTheTotalTimeout() throws Exception {
        // Given: a warm node (the first answer of a cold JVM can take longer than the limit to start)
        stream(Duration.ZERO).error.get(5, TimeUnit.SECONDS);

        // When: 20 tokens 40 ms apart, never silent for long, but 800 ms in all
        Outcome outcome = stream(Duration.ofMillis(400));

        // Then
        assertThat(outcome.error.get(5, TimeUnit.SECONDS)).hasMessageContaining("no end of the answer within 400ms");
        assertThat(outcome.chunks.get()).isBetween(1, 15);
    }

    @Test
    void shouldLetTheSameStreamFinishWithoutOne() throws Exception {
        Outcome outcome = stream(Duration.ZERO);

        assertThat(outcome.error.get(5, TimeUnit.SECONDS)).isNull();
        assertThat(outcome.chunks.get()).isEqualTo(21);
    }

    private Outcome stream(Duration total) throws Exception {
        PlainProxyEngine engine = new PlainProxyEngine(vertx, new ExchangeTimeouts(new Timeouts(Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofSeconds(5), total)),
                new HttpTransport(vertx, Duration.ofSeconds(2),
                        java.util.function.UnaryOperator.identity()),
                (endpoint, request) -> {
                    throw new AssertionError("no relay here");
                });
        ProxyResponse response = engine.send(endpoint, request).toCompletableFuture().get(5, TimeUnit.SECONDS);
        Outcome outcome = new Outcome();
        response.body().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                outcome.chunks.incrementAndGet();
            }

            @Override
            public void onError(Throwable throwable) {
                outcome.error.complete(throwable);
            }

            @Override
            public void onComplete() {
                outcome.error.complete(null);
            }
        });
        return outcome;
    }

    private static final class Outcome {

        final AtomicInteger chunks = new AtomicInteger();
        final CompletableFuture<Throwable> error = new CompletableFuture<>();
    }
}
