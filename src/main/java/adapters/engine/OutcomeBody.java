package adapters.engine;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Passes a node's body through unchanged and completes {@code outcome} when it ends: normally when the answer is
 * complete or the client stopped reading it, exceptionally with the node's failure when the answer failed. One
 * subscriber; thread-safe as far as its source is.
 */
final class OutcomeBody implements Flow.Publisher<ByteBuffer> {

    private final Flow.Publisher<ByteBuffer> source;
    private final CompletableFuture<Void> outcome;

    OutcomeBody(Flow.Publisher<ByteBuffer> source, CompletableFuture<Void> outcome) {
        this.source = source;
        this.outcome = outcome;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        source.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                        subscription.request(n);
                    }

                    @Override
                    public void cancel() {
                        // The client left: not the node's failure.
                        outcome.complete(null);
                        subscription.cancel();
                    }
                });
            }

            @Override
            public void onNext(ByteBuffer item) {
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable error) {
                outcome.completeExceptionally(error);
                subscriber.onError(error);
            }

            @Override
            public void onComplete() {
                outcome.complete(null);
                subscriber.onComplete();
            }
        });
    }

    /** Reads nothing of a body nobody will read: cancelling it abandons the request at the node. */
    static void drop(Flow.Publisher<ByteBuffer> body) {
        body.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.cancel();
            }

            @Override
            public void onNext(ByteBuffer item) {
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
            }
        });
    }
}
