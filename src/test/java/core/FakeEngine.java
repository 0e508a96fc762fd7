package core;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import core.fleet.Node;
import core.routing.ProxyRequest;
import core.routing.ProxyResponse;
import ports.out.ProxyEngine;

/** A proxy engine whose answers the test completes by hand, with bodies the test drives chunk by chunk. */
public final class FakeEngine implements ProxyEngine {

    public final List<CompletableFuture<ProxyResponse>> pending = new ArrayList<>();
    public final List<String> sentTo = new ArrayList<>();

    @Override
    public CompletionStage<ProxyResponse> send(Node endpoint, ProxyRequest request) {
        CompletableFuture<ProxyResponse> answer = new CompletableFuture<>();
        pending.add(answer);
        sentTo.add(endpoint.name());
        return answer;
    }

    /** A body that emits nothing until the test calls complete/fail, and records cancellation. */
    public static final class ManualBody implements Flow.Publisher<ByteBuffer> {

        public Flow.Subscriber<? super ByteBuffer> subscriber;
        public boolean cancelled;

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
            subscriber = s;
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                    cancelled = true;
                }
            });
        }

        public void complete() {
            subscriber.onComplete();
        }

        public void fail(Throwable error) {
            subscriber.onError(error);
        }
    }

    /** A subscriber that requests everything and remembers how the body ended. */
    public static final class Recorder implements Flow.Subscriber<ByteBuffer> {

        public Flow.Subscription subscription;
        public boolean completed;
        public Throwable error;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(ByteBuffer item) {
        }

        @Override
        public void onError(Throwable throwable) {
            error = throwable;
        }

        @Override
        public void onComplete() {
            completed = true;
        }
    }
}
