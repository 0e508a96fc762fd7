package adapters.engine;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Flow;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;

import core.Endpoint;
import core.EndpointFailedException;
import core.EndpointTimeoutException;

/**
 * A node's response body as a {@link Flow.Publisher}: each chunk is handed on as the node sent it, demand is passed to
 * the socket with {@code fetch}, cancel resets the upstream request (the node sees its client leave), and silence
 * longer than the idle timeout while bytes are wanted ends the body with an {@link EndpointTimeoutException}. Runs on
 * the exchange's event loop; must not block.
 */
final class UpstreamBodyPublisher implements Flow.Publisher<ByteBuffer>, Flow.Subscription {

    private final Vertx vertx;
    private final Context context;
    private final Endpoint endpoint;
    private final HttpClientRequest request;
    private final HttpClientResponse response;
    private final long idleNanos;
    private final long deadlineNanos;
    private final Duration total;
    private Flow.Subscriber<? super ByteBuffer> subscriber;
    private volatile long lastActivity;
    private long idleTimer = -1;
    private boolean done;

    /** {@code deadlineNanos}: when the whole exchange must be over ({@link Long#MAX_VALUE}: never). */
    UpstreamBodyPublisher(Vertx vertx, Endpoint endpoint, HttpClientRequest request, HttpClientResponse response,
            Duration idle, long deadlineNanos, Duration total) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.endpoint = endpoint;
        this.request = request;
        this.response = response;
        this.idleNanos = idle.toNanos();
        this.deadlineNanos = deadlineNanos;
        this.total = total;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
        onContext(() -> attach(s));
    }

    private void attach(Flow.Subscriber<? super ByteBuffer> s) {
        if (subscriber != null) {
            s.onSubscribe(this);
            s.onError(new IllegalStateException("a response body can be read once"));
            return;
        }
        subscriber = s;
        lastActivity = System.nanoTime();
        response.handler(chunk -> {
            lastActivity = System.nanoTime();
            subscriber.onNext(chunk.getByteBuf().nioBuffer());
        });
        response.endHandler(v -> finish(null));
        response.exceptionHandler(e -> finish(new EndpointFailedException(endpoint.name(),
                "connection lost in the middle of the answer", e)));
        armIdleTimer(idleNanos);
        s.onSubscribe(this);
    }

    @Override
    public void request(long n) {
        onContext(() -> {
            lastActivity = System.nanoTime();
            response.fetch(n);
        });
    }

    @Override
    public void cancel() {
        onContext(() -> {
            if (!done) {
                done = true;
                vertx.cancelTimer(idleTimer);
                request.reset();
            }
        });
    }

    private void finish(Throwable error) {
        if (done) {
            return;
        }
        done = true;
        vertx.cancelTimer(idleTimer);
        if (error == null) {
            subscriber.onComplete();
        } else {
            subscriber.onError(error);
        }
    }

    private void armIdleTimer(long delayNanos) {
        long untilDeadline = deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
        idleTimer = vertx.setTimer(Math.max(1, Math.min(delayNanos, untilDeadline) / 1_000_000), id -> {
            if (done) {
                return;
            }
            long now = System.nanoTime();
            if (deadlineNanos != Long.MAX_VALUE && now - deadlineNanos >= 0) {
                // Finish first: the reset makes the connection report itself lost, which must not win.
                finish(new EndpointTimeoutException(endpoint.name(), "end of the answer", total));
                request.reset();
                return;
            }
            long silent = now - lastActivity;
            if (silent >= idleNanos) {
                finish(new EndpointTimeoutException(endpoint.name(), "data between chunks",
                        Duration.ofNanos(idleNanos)));
                request.reset();
            } else {
                armIdleTimer(idleNanos - silent);
            }
        });
    }

    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }
}
