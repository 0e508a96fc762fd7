package adapters.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

import core.fleet.ModelName;
import core.fleet.Node;
import core.fleet.NodeType;
import core.routing.NodeTimeoutException;
import core.routing.ProxyRequest;
import core.routing.ProxyResponse;
import ports.out.NodeTransport;

/**
 * The engine's timers are the engine's, whatever transport carries the request: a transport that keeps no timers of
 * its own (as the relay link does) still gets the first-byte, idle and total limits, and is told to abandon the
 * request when one of them runs out.
 */
class TimedExchangeTest {

    private static final Node RELAYED = Node.relayed("gpu-home", 0);
    private static final Node STATIC = new Node("gpu-a", URI.create("http://127.0.0.1:1"),
            NodeType.OLLAMA, 0, 0, Duration.ofSeconds(5), Duration.ofSeconds(2));
    private static final ProxyRequest REQUEST = ProxyRequest.forModel("r", "POST", "/api/generate", List.of(), null,
            ModelName.of("llama3.2"));

    private final Vertx vertx = Vertx.vertx();
    private final StallingTransport transport = new StallingTransport();

    @AfterEach
    void stop() {
        vertx.close();
    }

    @Test
    void shouldEndAStalledAnswerAfterTheIdleTimeoutOnEveryTransport() throws Exception {
        for (Node endpoint : List.of(RELAYED, STATIC)) {
            // Given: two lines, then silence
            transport.reset(2);

            // When
            long start = System.nanoTime();
            Outcome outcome = read(engine(Duration.ofMillis(300), Duration.ZERO).send(endpoint, REQUEST));

            // Then
            Throwable error = outcome.end.get(3, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(error).isInstanceOf(NodeTimeoutException.class).hasMessageContaining("data between chunks");
            assertThat(outcome.chunks).hasSize(2);
            assertThat(ms).as("time to the error, ms").isBetween(250L, 1_300L);
            assertThat(abandoned()).isTrue();
        }
    }

    @Test
    void shouldEndAnAnswerThatRunsPastTheTotalTimeoutWhileItKeepsSending() throws Exception {
        // Given: a line every 50 ms, forever
        transport.reset(Integer.MAX_VALUE);

        // When
        Outcome outcome = read(engine(Duration.ofSeconds(5), Duration.ofMillis(400)).send(RELAYED, REQUEST));

        // Then
        assertThat(outcome.end.get(3, TimeUnit.SECONDS)).hasMessageContaining("no end of the answer within 400ms");
        assertThat(outcome.chunks.size()).isBetween(3, 10);
        assertThat(abandoned()).isTrue();
    }

    @Test
    void shouldGiveUpOnANodeThatNeverAnswersAndAbandonTheRequest() {
        // Given
        transport.silent = true;

        // When
        CompletableFuture<ProxyResponse> answer = new PlainProxyEngine(vertx,
                new ExchangeTimeouts(new Timeouts(Duration.ofSeconds(1),
                        Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ZERO)),
                transport, transport)
                .send(RELAYED, REQUEST).toCompletableFuture();

        // Then
        assertThat(answer).failsWithin(Duration.ofSeconds(2)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(NodeTimeoutException.class).withMessageContaining("first byte");
        long until = System.nanoTime() + 1_000_000_000L;
        while (!transport.opened.isCancelled() && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertThat(transport.opened.isCancelled()).isTrue();
    }

    @Test
    void shouldNotBlameTheNodeWhileTheClientHoldsTheStreamBack() throws Exception {
        // Given: a node with plenty to send, a client that takes one line and then nothing for a while
        transport.reset(Integer.MAX_VALUE);
        ProxyResponse response = engine(Duration.ofMillis(200), Duration.ZERO).send(RELAYED, REQUEST)
                .toCompletableFuture().get(2, TimeUnit.SECONDS);
        List<Object> seen = new CopyOnWriteArrayList<>();
        Flow.Subscription[] held = new Flow.Subscription[1];
        response.body().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                held[0] = subscription;
                subscription.request(1);
            }

            @Override
            public void onNext(ByteBuffer item) {
                seen.add(item);
            }

            @Override
            public void onError(Throwable throwable) {
                seen.add(throwable);
            }

            @Override
            public void onComplete() {
                seen.add("complete");
            }
        });

        // When: the client waits three idle timeouts before asking again
        Thread.sleep(600);
        held[0].request(1);
        Thread.sleep(150);

        // Then: two lines, no error
        assertThat(seen).hasSize(2).allMatch(ByteBuffer.class::isInstance);
        held[0].cancel();
    }

    /** Whether the transport is told to abandon the request (it is, right after the client got the error). */
    private boolean abandoned() {
        long until = System.nanoTime() + 1_000_000_000L;
        while (!transport.abandoned && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        return transport.abandoned;
    }

    private PlainProxyEngine engine(Duration idle, Duration total) {
        return new PlainProxyEngine(vertx,
                new ExchangeTimeouts(new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), idle, total)),
                transport, transport);
    }

    private static Outcome read(java.util.concurrent.CompletionStage<ProxyResponse> answer) throws Exception {
        Outcome outcome = new Outcome();
        answer.toCompletableFuture().get(2, TimeUnit.SECONDS).body().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                outcome.chunks.add(StandardCharsets.UTF_8.decode(item).toString());
            }

            @Override
            public void onError(Throwable throwable) {
                outcome.end.complete(throwable);
            }

            @Override
            public void onComplete() {
                outcome.end.complete(null);
            }
        });
        return outcome;
    }

    private static final class Outcome {
        final List<String> chunks = new CopyOnWriteArrayList<>();
        final CompletableFuture<Throwable> end = new CompletableFuture<>();
    }

    /**
     * A transport with no timers, as the relay link is: answers at once, then sends {@code lines} lines 50 ms apart
     * from another thread while they are wanted, then nothing; notes when it is told to abandon the request.
     */
    private final class StallingTransport implements NodeTransport {

        volatile boolean silent;
        volatile boolean abandoned;
        volatile CompletableFuture<ProxyResponse> opened;
        private volatile int lines;

        void reset(int count) {
            lines = count;
            abandoned = false;
            silent = false;
        }

        @Override
        public CompletableFuture<ProxyResponse> open(Node endpoint, ProxyRequest request) {
            opened = new CompletableFuture<>();
            if (silent) {
                return opened;
            }
            Flow.Publisher<ByteBuffer> body = subscriber -> {
                AtomicBoolean cancelled = new AtomicBoolean();
                long[] demand = {0};
                int[] sent = {0};
                subscriber.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                        synchronized (demand) {
                            demand[0] += n;
                        }
                    }

                    @Override
                    public void cancel() {
                        cancelled.set(true);
                        abandoned = true;
                    }
                });
                Thread sender = new Thread(() -> {
                    while (!cancelled.get() && sent[0] < lines) {
                        boolean send;
                        synchronized (demand) {
                            send = demand[0] > 0;
                            if (send) {
                                demand[0]--;
                            }
                        }
                        if (send) {
                            sent[0]++;
                            subscriber.onNext(ByteBuffer.wrap(("{\"response\":\"" + sent[0] + "\"}\n")
                                    .getBytes(StandardCharsets.UTF_8)));
                        }
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                sender.setDaemon(true);
                sender.start();
            };
            opened.complete(new ProxyResponse(200, List.of(), body, endpoint.name()));
            return opened;
        }
    }
}
