package core;

import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/** Passes a node's body through unchanged and ends the lease when the body completes, fails or is cancelled. */
final class LeaseReleasingPublisher implements Flow.Publisher<ByteBuffer> {

    private final Flow.Publisher<ByteBuffer> source;
    private final Lease lease;

    LeaseReleasingPublisher(Flow.Publisher<ByteBuffer> source, Lease lease) {
        this.source = source;
        this.lease = lease;
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
                        lease.release();
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
                lease.release();
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                lease.release();
                subscriber.onComplete();
            }
        });
    }
}
