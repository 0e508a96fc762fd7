package core.routing;

import static core.FakeCatalog.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import core.FakeCatalog;
import core.FakeEngine;
import core.FakeEngine.ManualBody;
import core.FakeEngine.Recorder;
import core.fleet.Fixtures;
import core.fleet.Fleet;
import core.fleet.ModelEntry;
import core.fleet.ModelName;
import core.fleet.ModelRegistry;
import core.fleet.Node;
import core.fleet.NodeState;
import core.fleet.NodeStatus;
import core.fleet.NodeType;
import core.fleet.UnknownModelException;
import core.fleet.UnknownNodeException;

class RequestRouterTest {

    private final Fleet fleet = new Fleet();
    private final FakeCatalog catalog = new FakeCatalog();
    private final FakeEngine engine = new FakeEngine();
    private final ModelRegistry registry = new ModelRegistry(catalog, fleet, Clock.systemUTC());
    private final RequestRouter router = new RequestRouter(fleet, registry,
            new LoadBalancer((candidates, model) -> new Choice(candidates.get(0), RouteReason.ROUND_ROBIN)), engine,
            new RetryPolicy(3, Duration.ofMinutes(1)));
    private NodeState a;

    @BeforeEach
    void fleetOfOne() {
        a = fleet.add(Fixtures.anEndpoint("a")).orElseThrow();
        Fixtures.setStatus(a, NodeStatus.UP);
        catalog.available.put("a", List.of(entry("llama3:latest", 1)));
        registry.refresh(a).toCompletableFuture().join();
    }

    @Test
    void shouldReleaseTheNodeWhenTheAnswerCompletes() {
        // Given
        CompletableFuture<ProxyResponse> answer = forward("llama3");
        ManualBody body = respond();
        Recorder client = subscribe(answer);

        // When
        body.complete();

        // Then
        assertThat(client.completed).isTrue();
        assertThat(a.inFlight()).isZero();
    }

    @Test
    void shouldReleaseTheNodeWhenTheAnswerFailsMidway() {
        // Given
        CompletableFuture<ProxyResponse> answer = forward("llama3");
        ManualBody body = respond();
        Recorder client = subscribe(answer);

        // When
        body.fail(new NodeFailedException("a", "cut", null));

        // Then
        assertThat(client.error).isInstanceOf(NodeFailedException.class);
        assertThat(a.inFlight()).isZero();
    }

    @Test
    void shouldReleaseTheNodeAndCancelUpstreamWhenTheClientLeavesMidStream() {
        // Given
        CompletableFuture<ProxyResponse> answer = forward("llama3");
        ManualBody body = respond();
        Recorder client = subscribe(answer);

        // When
        client.subscription.cancel();

        // Then
        assertThat(body.cancelled).isTrue();
        assertThat(a.inFlight()).isZero();
    }

    @Test
    void shouldReleaseTheNodeWhenTheClientLeavesBeforeTheAnswerStarts() {
        // Given
        CompletableFuture<ProxyResponse> answer = forward("llama3");
        assertThat(a.inFlight()).isEqualTo(1);

        // When
        answer.cancel(false);

        // Then
        assertThat(engine.pending.get(0).isCancelled()).isTrue();
        assertThat(a.inFlight()).isZero();
    }

    @Test
    void shouldReleaseTheNodeWhenItFailsBeforeAnswering() {
        // Given
        CompletableFuture<ProxyResponse> answer = forward("llama3");

        // When
        engine.pending.get(0).completeExceptionally(new NodeFailedException("a", "refused", null));

        // Then
        assertThat(answer).isCompletedExceptionally();
        assertThat(a.inFlight()).isZero();
    }

    @Test
    void shouldAnswerUnknownModelAfterOneRefresh() throws InterruptedException {
        // Given
        int callsBefore = catalog.availableCalls.get();

        // When
        CompletableFuture<ProxyResponse> answer = forward("mistral");

        // Then
        assertThat(catalog.availableCalls.get()).isEqualTo(callsBefore + 1);
        assertThat(failure(answer)).isInstanceOf(UnknownModelException.class);
    }

    @Test
    void shouldFindAModelThatAppearedSinceTheLastRefresh() {
        // Given
        catalog.available.put("a", List.of(entry("llama3:latest", 1), entry("mistral:latest", 2)));

        // When
        forward("mistral");

        // Then
        assertThat(engine.sentTo).containsExactly("a");
    }

    @Test
    void shouldAnswerNoRoutableWhenTheOnlyHolderIsDown() throws InterruptedException {
        // Given
        Fixtures.setStatus(a, NodeStatus.DOWN);

        // When
        CompletableFuture<ProxyResponse> answer = forward("llama3");

        // Then
        assertThat(failure(answer)).isInstanceOf(NoRoutableNodeException.class).hasMessageContaining("a (down)");
        assertThat(engine.sentTo).isEmpty();
    }

    @Test
    void shouldRefuseATargetThatIsNotInTheFleet() throws InterruptedException {
        // When
        CompletableFuture<ProxyResponse> answer = router.forward(ProxyRequest.forEndpoint("r", "POST", "/api/pull",
                List.of(), null, "ghost")).toCompletableFuture();

        // Then
        assertThat(failure(answer)).isInstanceOf(UnknownNodeException.class).hasMessageContaining("known nodes: a");
    }

    @Test
    void shouldSendNativeCallsOnlyToOllamaNodesAndV1CallsToEither() {
        // Given
        NodeState vllm = fleet.add(new Node("vllm", URI.create("http://127.0.0.1:2/v1"), NodeType.OPENAI,
                0, 0, Duration.ofSeconds(5), Duration.ofSeconds(2))).orElseThrow();
        Fixtures.setStatus(vllm, NodeStatus.UP);
        catalog.available.put("vllm", List.of(new ModelEntry(ModelName.of("qwen2.5"), null, "{\"id\":\"qwen2.5\"}",
                NodeType.OPENAI)));
        registry.refresh(vllm).toCompletableFuture().join();

        // When
        CompletableFuture<ProxyResponse> v1 = router.forward(ProxyRequest.forModel("r", "POST",
                "/v1/chat/completions", List.of(), null, ModelName.of("qwen2.5"))).toCompletableFuture();
        CompletableFuture<ProxyResponse> nativeCall = forward("qwen2.5");

        // Then
        assertThat(engine.sentTo).containsExactly("vllm");
        assertThat(v1).isNotDone();
        assertThatThrownBy(nativeCall::join).hasCauseInstanceOf(UnknownModelException.class)
                .hasMessageContaining("only on OpenAI-compatible nodes (vllm)");
    }

    private CompletableFuture<ProxyResponse> forward(String model) {
        return router.forward(ProxyRequest.forModel("r", "POST", "/api/chat", List.of(), null, ModelName.of(model)))
                .toCompletableFuture();
    }

    private ManualBody respond() {
        ManualBody body = new ManualBody();
        engine.pending.get(0).complete(new ProxyResponse(200, List.of(), body, "a"));
        return body;
    }

    private static Recorder subscribe(CompletableFuture<ProxyResponse> answer) {
        Recorder recorder = new Recorder();
        answer.join().body().subscribe(recorder);
        return recorder;
    }

    private static Throwable failure(CompletableFuture<ProxyResponse> answer) throws InterruptedException {
        try {
            answer.get();
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
