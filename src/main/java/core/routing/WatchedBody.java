package core.routing;

import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Passes an answer's body through unchanged and says how it ended: read to its end, failed, or cancelled by the
 * reader, once. A body of a declared length is read to its end with its last byte, which is said before that byte is
 * passed on: a client that reads the whole answer and at once asks again finds the end already counted (the node's
 * request no longer in flight). One subscriber; as thread-safe as its source.
 */
public final class WatchedBody implements Flow.Publisher<ByteBuffer> {

    /** How a body ended; called once, on whichever thread ended it; must not block. */
    public interface Ending {

        void completed();

        void failed(Throwable error);

        void cancelled();
    }

    private final Flow.Publisher<ByteBuffer> source;
    private final long length;
    private final Ending ending;

    public WatchedBody(Flow.Publisher<ByteBuffer> source, Ending ending) {
        this(source, -1, ending);
    }

    /** A body of {@code length} bytes as its sender declared it ({@code -1}: not declared). */
    public WatchedBody(Flow.Publisher<ByteBuffer> source, long length, Ending ending) {
        this.source = source;
        this.length = length;
        this.ending = ending;
    }

    /** A body of {@code length} bytes ({@code -1}: not declared) that runs {@code action} however it ends. */
    public static WatchedBody onEnd(Flow.Publisher<ByteBuffer> source, long length, Runnable action) {
        return new WatchedBody(source, length, new Ending() {
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
        source.subscribe(new Watch(subscriber));
    }

    /**
     * The subscriber to the source and the subscription its reader holds, in one object; true once the ending is
     * said.
     */
    private final class Watch extends AtomicBoolean implements Flow.Subscriber<ByteBuffer>, Flow.Subscription {

        private final transient Flow.Subscriber<? super ByteBuffer> reader;
        private transient volatile Flow.Subscription subscription;
        private long left = length;

        Watch(Flow.Subscriber<? super ByteBuffer> reader) {
            this.reader = reader;
        }

        @Override
        public void onSubscribe(Flow.Subscription upstream) {
            subscription = upstream;
            reader.onSubscribe(this);
        }

        @Override
        public void request(long n) {
            subscription.request(n);
        }

        @Override
        public void cancel() {
            if (compareAndSet(false, true)) {
                ending.cancelled();
            }
            subscription.cancel();
        }

        @Override
        public void onNext(ByteBuffer item) {
            if (left > 0) {
                left -= item.remaining();
                if (left <= 0 && compareAndSet(false, true)) {
                    ending.completed();
                }
            }
            reader.onNext(item);
        }

        @Override
        public void onError(Throwable throwable) {
            if (compareAndSet(false, true)) {
                ending.failed(throwable);
            }
            reader.onError(throwable);
        }

        @Override
        public void onComplete() {
            if (compareAndSet(false, true)) {
                ending.completed();
            }
            reader.onComplete();
        }
    }
}
