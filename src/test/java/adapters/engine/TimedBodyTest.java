package adapters.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import core.fleet.Node;
import testsupport.CountingVertx;

/**
 * An answer the transport already holds whole (a small answer through the relay link, read after it arrived) ends
 * while its reader subscribes. Its timers must end with it: a timer left running keeps the whole exchange (request,
 * response, lease) in memory until it fires, which at thousands of relayed requests a second filled the heap.
 */
class TimedBodyTest {

    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private final AtomicInteger timers = new AtomicInteger();

    @AfterEach
    void stop() {
        vertx.close();
    }

    @Test
    void shouldLetGoOfAnAnswerThatEndedWhileItsReaderSubscribed() throws Exception {
        // Given: a body whose source hands over its one chunk and its end as soon as they are asked for
        CompletableFuture<WeakReference<TimedBody>> read = new CompletableFuture<>();
        List<String> ended = new CopyOnWriteArrayList<>();
        context.runOnContext(v -> {
            TimedBody body = new TimedBody(vertx, context, Node.relayed("gpu-home", 0), new Buffered(),
                    Duration.ofMinutes(2), Long.MAX_VALUE, Duration.ZERO);
            body.subscribe(new CircuitBreakingEngineTest.Reader(ended));
            read.complete(new WeakReference<>(body));
        });

        // When: it has been read to the end
        WeakReference<TimedBody> body = read.get(2, TimeUnit.SECONDS);
        long ends = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (ended.isEmpty() && System.nanoTime() < ends) {
            Thread.sleep(5);
        }
        assertThat(ended).containsExactly("complete");

        // Then: nothing holds it any more (the idle timer would, for two minutes)
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (body.get() != null && System.nanoTime() < until) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(body.get()).as("the body, after its end").isNull();
    }

    @Test
    void shouldMakeNoTimerForAnAnswerThatEndedInTheTurnItBegan() throws Exception {
        // Given / When: an answer that ends as soon as it is asked for is read, and the event loop has turned a few
        // times since
        List<String> ended = read(new Buffered(), Duration.ofMinutes(2));
        CountingVertx.awaitTurns(context, 3);

        // Then
        assertThat(ended).containsExactly("complete");
        assertThat(timers).as("timers made").hasValue(0);
    }

    @Test
    void shouldStillEndAnAnswerWhoseNodeFellSilent() throws Exception {
        // Given / When: an answer whose node never sends a byte is read under a short idle timeout
        List<String> ended = read(new Silent(), Duration.ofMillis(50));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ended.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(5);
        }

        // Then: the idle timeout ended it
        assertThat(ended).singleElement().asString().contains("data between chunks");
        assertThat(timers.get()).as("timers made").isPositive();
    }

    /** Starts reading {@code source} on {@link #context}, its timers made on a Vert.x that counts them; its ends. */
    private List<String> read(Flow.Publisher<ByteBuffer> source, Duration idle) {
        Vertx counting = CountingVertx.of(vertx, timers);
        List<String> ended = new CopyOnWriteArrayList<>();
        context.runOnContext(v -> new TimedBody(counting, context, Node.relayed("gpu-home", 0), source, idle,
                Long.MAX_VALUE, Duration.ZERO).subscribe(new CircuitBreakingEngineTest.Reader(ended)));
        return ended;
    }

    /** A source that never sends. */
    private static final class Silent implements Flow.Publisher<ByteBuffer> {
        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
        }
    }

    /** A source that delivers synchronously from request(): one chunk, then the end. */
    private static final class Buffered implements Flow.Publisher<ByteBuffer> {
        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            subscriber.onSubscribe(new Flow.Subscription() {
                private boolean sent;

                @Override
                public void request(long n) {
                    if (!sent) {
                        sent = true;
                        subscriber.onNext(ByteBuffer.wrap("{\"done\":true}\n".getBytes(StandardCharsets.UTF_8)));
                        subscriber.onComplete();
                    }
                }

                @Override
                public void cancel() {
                }
            });
        }
    }
}
