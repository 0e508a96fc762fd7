package adapters.http;

import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

import core.routing.NodeTimeoutException;

/**
 * Writes a node's body to the client chunk by chunk as it arrives, asking for the next chunk only while the client's
 * write queue has room (backpressure). A failure before any byte was written becomes a normal error reply; after
 * that, one error in the client's dialect ends the stream (an NDJSON {@code {"error": ...}} line, or an SSE
 * {@code data: {"error": {...}}} frame), so the client never mistakes a cut for an end. Event loop; no blocking.
 */
final class BodySubscriber implements Flow.Subscriber<ByteBuffer> {

    private final HttpServerResponse response;
    private final Dialect dialect;
    private final RunningRecord trace;
    private Flow.Subscription subscription;
    private boolean written;

    BodySubscriber(HttpServerResponse response, Dialect dialect, RunningRecord trace) {
        this.response = response;
        this.dialect = dialect;
        this.trace = trace;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(ByteBuffer chunk) {
        if (response.closed()) {
            subscription.cancel();
            return;
        }
        written = true;
        trace.chunk(chunk);
        response.write(Buffer.buffer(Unpooled.wrappedBuffer(chunk)));
        if (response.writeQueueFull()) {
            response.drainHandler(v -> subscription.request(1));
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onError(Throwable error) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (!written && !response.headWritten()) {
            response.headers().remove("Content-Length").remove("Content-Type");
            response.setChunked(false);
            Replies.failure(dialect, response, error);
            return;
        }
        trace.cutMidStream(error instanceof NodeTimeoutException ? 504 : 502);
        if (response.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
            // A sized body cannot carry an extra line: cut the connection so the client sees it incomplete.
            response.reset();
            return;
        }
        String kind = error instanceof NodeTimeoutException ? "timed out" : "failed";
        response.end(dialect.streamError("the node " + kind + " in the middle of the answer: " + error.getMessage()
                + "; the answer above is incomplete"));
    }

    @Override
    public void onComplete() {
        if (!response.ended() && !response.closed()) {
            response.end();
        }
    }

    /** Stops reading from the node; called when the client goes away. */
    void cancel() {
        if (subscription != null) {
            subscription.cancel();
        }
    }

    /**
     * Ends the answer now, as the shutdown's drain deadline demands: stops reading from the node and tells the client in
     * its protocol that what it got is incomplete. Call on the response's event loop.
     */
    void interrupt(String reason) {
        cancel();
        if (response.ended() || response.closed()) {
            return;
        }
        if (!written && !response.headWritten()) {
            response.headers().remove("Content-Length").remove("Content-Type");
            response.setChunked(false);
            Replies.failure(dialect, response, new core.routing.DrainingException());
            return;
        }
        trace.cutMidStream(503);
        if (response.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
            response.reset();
            return;
        }
        response.end(dialect.streamError(reason + "; the answer above is incomplete"));
    }
}
