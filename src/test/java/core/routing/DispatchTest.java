package core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import core.FakeCatalog;
import core.FakeEngine;
import core.FakeEngine.ManualBody;
import core.fleet.Fixtures;
import core.fleet.Fleet;
import core.fleet.ModelName;
import core.fleet.ModelRegistry;
import core.fleet.NodeState;
import core.fleet.NodeStatus;

/** Retries before the first byte: a node that fails costs the client nothing while another candidate exists. */
class DispatchTest {

    private final Fleet fleet = new Fleet();
    private final FakeCatalog catalog = new FakeCatalog();
    private final FakeEngine engine = new FakeEngine();
    private final ModelRegistry registry = new ModelRegistry(catalog, fleet, Clock.systemUTC());
    private final List<String> retries = new java.util.concurrent.CopyOnWriteArrayList<>();
    private NodeState a;
    private NodeState b;
    private NodeState c;

    @BeforeEach
    void fleetOfThree() {
        a = node("a");
        b = node("b");
        c = node("c");
    }

    @Test
    void shouldTryAnotherNodeWhenTheFirstRefusesTheConnection() {
        // Given
        CompletableFuture<ProxyResponse> answer = forward(router(3));

        // When
        engine.pending.get(0).completeExceptionally(new NodeFailedException("a", "connection refused", null));
        engine.pending.get(1).complete(new ProxyResponse(200, List.of(), new ManualBody(), "b"));

        // Then
        assertThat(engine.sentTo).containsExactly("a", "b");
        assertThat(answer.join().endpoint()).isEqualTo("b");
        assertThat(answer.join().attempts()).isEqualTo(2);
        assertThat(a.inFlight()).isZero();
        assertThat(b.inFlight()).isEqualTo(1);
    }

    @Test
    void shouldDropA5xxAnswerAndTryAnotherNode() {
        // Given
        CompletableFuture<ProxyResponse> answer = forward(router(3));
        ManualBody failed = new ManualBody();

        // When
        engine.pending.get(0).complete(new ProxyResponse(500, List.of(), failed, "a"));
        engine.pending.get(1).completeExceptionally(new NodeTimeoutException("b", "first byte",
                Duration.ofSeconds(1)));
        engine.pending.get(2).complete(new ProxyResponse(200, List.of(), new ManualBody(), "c"));

        // Then
        assertThat(failed.cancelled).as("the 500 body is abandoned so the node can stop").isTrue();
        assertThat(retries).containsExactly("a: status 500", "b: NodeTimeoutException");
        assertThat(engine.sentTo).containsExactly("a", "b", "c");
        assertThat(answer.join().status()).isEqualTo(200);
        assertThat(answer.join().attempts()).isEqualTo(3);
        assertThat(a.inFlight() + b.inFlight()).isZero();
    }

    @Test
    void shouldHandOnTheLastNodesOwn5xxWhenNoCandidateIsLeft() {
        // Given
        CompletableFuture<ProxyResponse> answer = forward(router(2));

        // When
        engine.pending.get(0).complete(new ProxyResponse(503, List.of(), new ManualBody(), "a"));
        engine.pending.get(1).complete(new ProxyResponse(503, List.of(), new ManualBody(), "b"));

        // Then: max_attempts 2 leaves c untried; the client gets b's answer as b sent it
        assertThat(engine.sentTo).containsExactly("a", "b");
        assertThat(answer.join().status()).isEqualTo(503);
        assertThat(answer.join().endpoint()).isEqualTo("b");
        assertThat(a.inFlight()).isZero();
    }

    @Test
    void shouldFailWithTheLastErrorWhenEveryCandidateFailedAndLeakNothing() {
        // Given
        CompletableFuture<ProxyResponse> answer = forward(router(5));

        // When
        for (int i = 0; i < 3; i++) {
            engine.pending.get(i).completeExceptionally(new NodeFailedException("abc".substring(i, i + 1),
                    "connection reset", null));
        }

        // Then
        assertThatThrownBy(answer::join).hasCauseInstanceOf(NodeFailedException.class)
                .hasMessageContaining("node 'c' failed");
        // the failure names the last node and the nodes tried, for the request's record
        Throwable error = answer.handle((response, failed) -> failed).join();
        NodeFailure failure = (NodeFailure) (error instanceof CompletionException ? error.getCause() : error);
        assertThat(failure.endpoint()).isEqualTo("c");
        assertThat(failure.attempts()).isEqualTo(3);
        assertThat(a.inFlight() + b.inFlight() + c.inFlight()).isZero();
    }

    @Test
    void shouldNotRetryARequestErrorOfTheNodeOrWhenRetriesAreOff() {
        // Given
        CompletableFuture<ProxyResponse> notFound = forward(router(3));
        CompletableFuture<ProxyResponse> single = forward(router(1));

        // When
        engine.pending.get(0).complete(new ProxyResponse(404, List.of(), new ManualBody(), "a"));
        engine.pending.get(1).completeExceptionally(new NodeFailedException("b", "connection refused", null));

        // Then
        assertThat(notFound.join().status()).isEqualTo(404);
        assertThatThrownBy(single::join).hasCauseInstanceOf(NodeFailedException.class);
        assertThat(engine.sentTo).hasSize(2);
    }

    @Test
    void shouldCancelTheAttemptUnderWayWhenTheClientLeaves() {
        // Given
        CompletableFuture<ProxyResponse> answer = forward(router(3));
        engine.pending.get(0).completeExceptionally(new NodeFailedException("a", "connection refused", null));

        // When
        answer.cancel(false);

        // Then
        assertThat(engine.pending.get(1)).isCancelled();
        assertThat(a.inFlight() + b.inFlight() + c.inFlight()).isZero();
    }

    @Test
    void shouldFreeTheNodeBeforeTheLastByteOfASizedAnswerIsHandedOn() {
        // Given: an answer of 10 bytes, as a non-streamed chat comes, read by a client that asks again at once
        CompletableFuture<ProxyResponse> answer = forward(router(3));
        ManualBody body = new ManualBody();
        engine.pending.get(0).complete(new ProxyResponse(200, List.of(new Header("content-length", "10")), body, "a"));
        List<Integer> inFlightAtEachChunk = new ArrayList<>();
        answer.join().body().subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                inFlightAtEachChunk.add(a.inFlight());
            }

            @Override
            public void onError(Throwable error) {
            }

            @Override
            public void onComplete() {
            }
        });

        // When
        body.subscriber.onNext(ByteBuffer.wrap("{\"done\"".getBytes()));
        body.subscriber.onNext(ByteBuffer.wrap(":1}".getBytes()));
        body.complete();

        // Then: by the time the last byte can reach the client, the node no longer counts the request
        assertThat(inFlightAtEachChunk).containsExactly(1, 0);
        assertThat(a.inFlight()).isZero();
    }

    @Test
    void shouldHoldTheNodeUntilTheEndOfAnAnswerWithoutALength() {
        // Given: a streamed answer, framed by chunks
        CompletableFuture<ProxyResponse> answer = forward(router(3));
        ManualBody body = new ManualBody();
        engine.pending.get(0).complete(new ProxyResponse(200, List.of(new Header("Transfer-Encoding", "chunked"),
                new Header("Content-Length", "3")), body, "a"));
        answer.join().body().subscribe(new FakeEngine.Recorder());

        // When
        body.subscriber.onNext(ByteBuffer.wrap("{}\n".getBytes()));

        // Then
        assertThat(a.inFlight()).isEqualTo(1);
        body.complete();
        assertThat(a.inFlight()).isZero();
    }

    private NodeState node(String name) {
        NodeState state = fleet.add(Fixtures.anEndpoint(name)).orElseThrow();
        Fixtures.setStatus(state, NodeStatus.UP);
        catalog.available.put(name, List.of(FakeCatalog.entry("llama3:latest", 1)));
        registry.refresh(state).toCompletableFuture().join();
        return state;
    }

    /** A router whose balancer always picks the first candidate, so the order of attempts is a, b, c. */
    private RequestRouter router(int maxAttempts) {
        LoadBalancer balancer = new LoadBalancer(
                (candidates, model) -> new Choice(candidates.get(0), RouteReason.ROUND_ROBIN));
        ports.out.ResilienceEvents events = new RecordingEvents();
        return new RequestRouter(fleet, registry, balancer, engine, new RetryPolicy(maxAttempts, Duration.ofMinutes(1)),
                AdmissionQueue.disabled(balancer), new Drain(fleet, AdmissionQueue.disabled(balancer)), events);
    }

    /** Remembers retries as "node: reason". */
    private final class RecordingEvents implements ports.out.ResilienceEvents {

        @Override
        public void retried(String endpoint, String reason) {
            retries.add(endpoint + ": " + reason);
        }
    }

    private static CompletableFuture<ProxyResponse> forward(RequestRouter router) {
        return router.forward(ProxyRequest.forModel("r", "POST", "/api/chat", List.of(), null,
                ModelName.of("llama3"))).toCompletableFuture();
    }
}
