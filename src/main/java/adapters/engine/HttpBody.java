package adapters.engine;

import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;

import core.fleet.Node;
import core.routing.NodeFailedException;

/**
 * A node's HTTP response body as a {@link Flow.Publisher}: each chunk is handed on as the node sent it, demand is
 * passed to the socket with {@code fetch}, and cancel resets the request (the node sees its client leave). Confined to
 * the exchange's event loop; must not block.
 */
final class HttpBody implements Flow.Publisher<ByteBuffer>, Flow.Subscription {

    private final Context context;
    private final Node endpoint;
    private final HttpClientRequest request;
    private final HttpClientResponse response;
    private final Runnable ended;
    private Flow.Subscriber<? super ByteBuffer> subscriber;
    private boolean done;

    /** {@code ended} runs once, when the body ends, fails or is cancelled. */
    HttpBody(Node endpoint, HttpClientRequest request, HttpClientResponse response, Runnable ended) {
        this.context = Vertx.currentContext();
        this.endpoint = endpoint;
        this.request = request;
        this.response = response;
        this.ended = ended;
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
        response.handler(chunk -> {
            if (!done) {
                subscriber.onNext(chunk.getByteBuf().nioBuffer());
            }
        });
        response.endHandler(v -> finish(null));
        response.exceptionHandler(e -> finish(new NodeFailedException(endpoint.name(),
                "connection lost in the middle of the answer", e)));
        s.onSubscribe(this);
    }

    @Override
    public void request(long n) {
        onContext(() -> response.fetch(n));
    }

    @Override
    public void cancel() {
        onContext(() -> {
            if (!done) {
                done = true;
                request.reset();
                ended.run();
            }
        });
    }

    private void finish(Throwable error) {
        if (done) {
            return;
        }
        done = true;
        ended.run();
        if (error == null) {
            subscriber.onComplete();
        } else {
            subscriber.onError(error);
        }
    }

    private void onContext(Runnable action) {
        if (context == null || Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }
}
