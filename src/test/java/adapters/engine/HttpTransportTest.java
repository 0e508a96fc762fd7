package adapters.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.impl.VertxInternal;

import core.fleet.ModelName;
import core.fleet.Node;
import core.fleet.NodeType;
import core.routing.ProxyRequest;
import core.routing.ProxyResponse;

/**
 * Keep-alive connections to a node belong to one event loop each: a request taken on one loop goes out on a
 * connection of that loop, so no request or answer waits for another thread to wake up.
 */
class HttpTransportTest {

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
    /** The node's view: for each client connection (its port), the caller threads whose requests it carried. */
    private final Map<Integer, Set<String>> callersByConnection = new ConcurrentHashMap<>();
    /** Slow answers the node has begun. */
    private final AtomicInteger slowAnswers = new AtomicInteger();
    private final HttpServer node = vertx.createHttpServer().requestHandler(request -> {
        if (request.path().startsWith("/slow")) {
            slowAnswers.incrementAndGet();
            request.response().setChunked(true).write("{\"part\":1}\n");
            vertx.setTimer(1500, id -> request.response().end("{\"done\":true}\n"));
            return;
        }
        String caller = request.getHeader("X-Caller");
        callersByConnection.computeIfAbsent(request.connection().remoteAddress().port(),
                port -> ConcurrentHashMap.newKeySet()).add(caller);
        request.response().end("{\"done\":true}");
    });
    private final HttpTransport transport = new HttpTransport(vertx, Duration.ofSeconds(2), UnaryOperator.identity(),
            Duration.ofMillis(300));

    @AfterEach
    void stop() {
        transport.close();
        vertx.close();
    }

    @Test
    void shouldSendEachRequestOnAConnectionOfTheEventLoopThatTookIt() throws Exception {
        // Given: a node and four event loops taking requests in turn, one request at a time
        Node endpoint = listening("n", "");
        List<Context> loops = List.of(eventLoop(), eventLoop(), eventLoop(), eventLoop());

        // When
        for (int round = 0; round < 5; round++) {
            for (Context loop : loops) {
                exchange(loop, endpoint).get(5, TimeUnit.SECONDS);
            }
        }

        // Then: one kept-alive connection per loop, never lent to another loop
        assertThat(callersByConnection).hasSize(4);
        assertThat(callersByConnection.values()).allSatisfy(callers -> assertThat(callers).hasSize(1));
    }

    @Test
    void shouldCloseANodesPoolsOnceNothingIsInFlightButNeverUnderAnOpenAnswer() throws Exception {
        // Given: a node answered once, and a node whose answer stays open for 1.5 s
        Node gone = listening("gone", "");
        Node streaming = listening("streaming", "/slow");
        exchange(eventLoop(), gone).get(5, TimeUnit.SECONDS);

        // When: the open answer outlives the pools' unused time several times over
        CompletableFuture<Void> stream = exchange(eventLoop(), streaming);
        Thread.sleep(900);

        // Then: the idle node's pools are gone, the streaming node's are not, and its answer ends whole
        assertThat(transport.nodesWithPools()).isEqualTo(1);
        stream.get(5, TimeUnit.SECONDS);
        Thread.sleep(900);
        assertThat(transport.nodesWithPools()).isZero();
        // a node used again gets its pools back
        exchange(eventLoop(), gone).get(5, TimeUnit.SECONDS);
        assertThat(transport.nodesWithPools()).isEqualTo(1);
    }

    @Test
    void shouldKeepManyAnswersOfOneNodeOpenAtOnceFromOneEventLoop() throws Exception {
        // Given: a node whose answers stay open for 1.5 s
        Node streaming = listening("many", "/slow");
        Context loop = eventLoop();

        // When: 20 requests taken by one event loop at once
        List<CompletableFuture<Void>> streams = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            streams.add(exchange(loop, streaming));
        }

        // Then: the node is answering all 20 before the first answer ends (none waits for a pooled connection)
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1000);
        while (slowAnswers.get() < 20 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(slowAnswers.get()).as("answers under way at once").isEqualTo(20);
        CompletableFuture.allOf(streams.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    }

    /** The test's node, listening once, reached as {@code name} under the path {@code prefix}. */
    private Node listening(String name, String prefix) throws Exception {
        if (node.actualPort() == 0) {
            node.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        return new Node(name, URI.create("http://127.0.0.1:" + node.actualPort() + prefix), NodeType.OLLAMA, 0, 0,
                Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    private Context eventLoop() {
        return ((VertxInternal) vertx).createEventLoopContext();
    }

    private CompletableFuture<Void> exchange(Context loop, Node endpoint) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.runOnContext(ignored -> {
            ProxyRequest request = ProxyRequest.forModel("r", "POST", "/api/chat",
                    List.of(new core.routing.Header("X-Caller", Thread.currentThread().getName())),
                    ByteBuffer.wrap("{\"model\":\"m\"}".getBytes()), ModelName.of("m"));
            transport.open(endpoint, request).whenComplete((response, error) -> {
                if (error != null) {
                    done.completeExceptionally(error);
                } else {
                    drain(response, done);
                }
            });
        });
        return done;
    }

    private static void drain(ProxyResponse response, CompletableFuture<Void> done) {
        response.body().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                // the answer's bytes are not the point here
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
    }
}
