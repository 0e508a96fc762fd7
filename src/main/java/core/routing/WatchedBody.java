package core.routing;

import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * Passes an answer's body through unchanged and says how it ended: read to its end, failed, or cancelled by the
 * reader. One subscriber; as thread-safe as its source.
 */
public final class WatchedBody implements Flow.Publisher<ByteBuffer> {

    /** How a body ended; called once, on whichever thread ended it; must not block. */
    public interface Ending {

        void completed();

        void failed(Throwable error);

        void cancelled();
    }

    private final Flow.Publisher<ByteBuffer> source;
    private final Ending ending;

    public WatchedBody(Flow.Publisher<ByteBuffer> source, Ending ending) {
        this.source = source;
        this.ending = ending;
    }

    /** A body that runs {@code action} however it ends. */
    public static WatchedBody onEnd(Flow.Publisher<ByteBuffer> source, Runnable action) {
        return new WatchedBody(source, new Ending() {
            @Override
            public void completed() {
                action.run();
            }

            @Override
            public void failed(Throwable error) {
                action.run();
            }

            @Override
            public void cancelled() {
                action.run();
            }
        });
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
                        ending.cancelled();
                        subscription.cancel();
                    }
                });
            }

            @Override
            public void onNext(ByteBuffer item) {
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable throwable) {
                ending.failed(throwable);
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                ending.completed();
                subscriber.onComplete();
            }
        });
    }
}
