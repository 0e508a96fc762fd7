package core.routing;

import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/** Takes a body nobody will read and cancels it at once, so the node stops and its lease ends. */
final class CancellingSubscriber implements Flow.Subscriber<ByteBuffer> {

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
}
