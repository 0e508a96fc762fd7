package adapters.engine;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Flow;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import core.fleet.Node;
import core.routing.NodeTimeoutException;

/**
 * The engine's limits on a node's answer once it has begun, whatever carried it: silence longer than
 * {@code proxy.idle_timeout} while the client wants bytes, or the whole exchange running past
 * {@code proxy.total_timeout}, ends the body with a {@link NodeTimeoutException} and abandons the request at the
 * node. Silence while the client itself holds the stream back is not the node's. Confined to one event loop: signals
 * from the transport are moved onto it, so a timeout never races a chunk. Must not block.
 */
final class TimedBody implements Flow.Publisher<ByteBuffer>, Flow.Subscription {

    private final Vertx vertx;
    private final Context context;
    private final Node endpoint;
    private final Flow.Publisher<ByteBuffer> source;
    private final long idleNanos;
    private final long deadlineNanos;
    private final Duration total;
    private Flow.Subscriber<? super ByteBuffer> downstream;
    private Flow.Subscription upstream;
    private long last;
    private long wanted;
    private long timer = -1;
    private boolean done;

    /**
     * {@code context}: the event loop of the request (null: any); {@code deadlineNanos}: when the whole exchange must
     * be over ({@link Long#MAX_VALUE}: never).
     */
    TimedBody(Vertx vertx, Context context, Node endpoint, Flow.Publisher<ByteBuffer> source, Duration idle,
            long deadlineNanos, Duration total) {
        this.vertx = vertx;
        this.context = context != null ? context : vertx.getOrCreateContext();
        this.endpoint = endpoint;
        this.source = source;
        this.idleNanos = idle.toNanos();
        this.deadlineNanos = deadlineNanos;
        this.total = total;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        onContext(() -> {
            if (downstream != null) {
                subscriber.onSubscribe(this);
                subscriber.onError(new IllegalStateException("a response body can be read once"));
                return;
            }
            downstream = subscriber;
            source.subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    onContext(() -> attached(subscription));
                }

                @Override
                public void onNext(ByteBuffer item) {
                    onContext(() -> chunk(item));
                }

                @Override
                public void onError(Throwable error) {
                    onContext(() -> finish(error));
                }

                @Override
                public void onComplete() {
                    onContext(() -> finish(null));
                }
            });
        });
    }

    /**
     * The timer is armed on the event loop's next turn, and only if the answer is still running then: most small
     * answers come whole with their head and have ended by then, so they never make a timer (one made and cancelled
     * for each of them cost about 1% of the event loops' time). Waiting counts from the subscription all the same.
     */
    private void attached(Flow.Subscription subscription) {
        upstream = subscription;
        last = System.nanoTime();
        downstream.onSubscribe(this);
        if (!done) {
            context.runOnContext(v -> {
                if (!done && timer == -1) {
                    expired();
                }
            });
        }
    }

    private void chunk(ByteBuffer item) {
        if (done) {
            return;
        }
        last = System.nanoTime();
        wanted = Math.max(0, wanted - 1);
        downstream.onNext(item);
    }

    @Override
    public void request(long n) {
        onContext(() -> {
            if (done || upstream == null) {
                return;
            }
            if (wanted == 0) {
                // The node's silence counts from when bytes are wanted again.
                last = System.nanoTime();
            }
            wanted = wanted + n < 0 ? Long.MAX_VALUE : wanted + n;
            upstream.request(n);
        });
    }

    @Override
    public void cancel() {
        onContext(() -> {
            if (!done) {
                done = true;
                disarm();
                if (upstream != null) {
                    upstream.cancel();
                }
            }
        });
    }

    private void finish(Throwable error) {
        if (done) {
            return;
        }
        done = true;
        disarm();
        if (error == null) {
            downstream.onComplete();
        } else {
            downstream.onError(error);
        }
    }

    private void disarm() {
        if (timer != -1) {
            vertx.cancelTimer(timer);
        }
    }

    private void arm(long delayNanos) {
        long untilDeadline = deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
        timer = vertx.setTimer(Math.max(1, Math.min(delayNanos, untilDeadline) / 1_000_000),
                id -> onContext(this::expired));
    }

    private void expired() {
        if (done) {
            return;
        }
        long now = System.nanoTime();
        if (deadlineNanos != Long.MAX_VALUE && now - deadlineNanos >= 0) {
            timedOut(new NodeTimeoutException(endpoint.name(), "end of the answer", total));
            return;
        }
        long silent = now - last;
        if (wanted > 0 && silent >= idleNanos) {
            timedOut(new NodeTimeoutException(endpoint.name(), "data between chunks", Duration.ofNanos(idleNanos)));
        } else {
            arm(wanted > 0 ? idleNanos - silent : idleNanos);
        }
    }

    /** Ends the body first, then abandons the request: the transport's report of the abandoned request must not win. */
    private void timedOut(NodeTimeoutException error) {
        done = true;
        downstream.onError(error);
        upstream.cancel();
    }

    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }
}
