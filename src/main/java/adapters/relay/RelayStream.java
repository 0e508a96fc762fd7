package adapters.relay;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import core.routing.Header;
import core.routing.NodeFailedException;
import core.routing.ProxyResponse;

/**
 * One proxied request on a relay link, gateway side: completes {@link #response()} when the agent sends the node's
 * head, then publishes the node's chunks to one subscriber with backpressure. Chunks wait here only within the credit
 * granted to the agent; as the subscriber consumes them, more credit is granted, so a slow client holds back only its
 * own stream. Cancel tells the agent to stop. Thread-safe: frames arrive on the link's event loop, demand from the
 * client's.
 */
final class RelayStream implements Flow.Publisher<ByteBuffer>, Flow.Subscription {

    private final RelayLink link;
    private final int id;
    private final int window;
    private final CompletableFuture<ProxyResponse> response = new CompletableFuture<>();
    private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
    private Flow.Subscriber<? super ByteBuffer> subscriber;
    private long demand;
    private int consumedSinceGrant;
    private Throwable failure;
    private boolean ended;
    private boolean finished;
    private boolean delivering;

    RelayStream(RelayLink link, int id, int window) {
        this.link = link;
        this.id = id;
        this.window = window;
    }

    CompletableFuture<ProxyResponse> response() {
        return response;
    }

    void head(String json) {
        JsonObject head;
        try {
            head = new JsonObject(json);
        } catch (RuntimeException e) {
            fail("the agent sent a malformed response head");
            return;
        }
        List<Header> headers = new ArrayList<>();
        JsonArray list = head.getJsonArray("headers", new JsonArray());
        for (int i = 0; i < list.size(); i++) {
            JsonArray pair = list.getJsonArray(i);
            headers.add(new Header(pair.getString(0), pair.getString(1)));
        }
        response.complete(new ProxyResponse(head.getInteger("status", 502), headers, this, link.name()));
    }

    void chunk(ByteBuffer data) {
        synchronized (this) {
            if (finished) {
                return;
            }
            chunks.add(data);
        }
        deliver();
    }

    void end() {
        synchronized (this) {
            ended = true;
        }
        deliver();
    }

    void fail(String message) {
        NodeFailedException error = new NodeFailedException(link.name(), message, null);
        if (response.completeExceptionally(error)) {
            link.forget(id);
            return;
        }
        synchronized (this) {
            failure = error;
        }
        deliver();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
        synchronized (this) {
            if (subscriber != null) {
                s.onSubscribe(this);
                s.onError(new IllegalStateException("a response body can be read once"));
                return;
            }
            subscriber = s;
        }
        s.onSubscribe(this);
        deliver();
    }

    @Override
    public void request(long n) {
        synchronized (this) {
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        }
        deliver();
    }

    @Override
    public void cancel() {
        boolean tell;
        synchronized (this) {
            tell = !finished;
            finished = true;
            chunks.clear();
        }
        response.cancel(false);
        if (tell) {
            link.cancel(id);
        }
    }

    /** Hands queued chunks to the subscriber while it wants them; one thread at a time, never recursively. */
    private void deliver() {
        while (true) {
            ByteBuffer next = null;
            Throwable error = null;
            boolean complete = false;
            int grant = 0;
            Flow.Subscriber<? super ByteBuffer> target;
            synchronized (this) {
                if (delivering || subscriber == null || finished) {
                    return;
                }
                target = subscriber;
                if (demand > 0 && !chunks.isEmpty()) {
                    next = chunks.poll();
                    demand--;
                    consumedSinceGrant++;
                    if (consumedSinceGrant >= Math.max(1, window / 2)) {
                        grant = consumedSinceGrant;
                        consumedSinceGrant = 0;
                    }
                } else if (chunks.isEmpty() && ended) {
                    // the agent sent the whole answer: a link lost after its end (an agent that drains closes the
                    // link as soon as its last answer is sent) does not make it an error for a client still reading
                    complete = true;
                    finished = true;
                } else if (chunks.isEmpty() && failure != null) {
                    error = failure;
                    finished = true;
                } else {
                    return;
                }
                delivering = true;
            }
            try {
                if (grant > 0) {
                    link.credit(id, grant);
                }
                if (next != null) {
                    target.onNext(next);
                } else if (error != null) {
                    link.forget(id);
                    target.onError(error);
                } else if (complete) {
                    link.forget(id);
                    target.onComplete();
                }
            } finally {
                synchronized (this) {
                    delivering = false;
                }
            }
        }
    }
}
