package core.routing;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * A node's answer as it starts to arrive: status and headers now, the body as a publisher of chunks in the order and
 * sizes the node sent them. {@code endpoint} names the node that answers; {@code attempts} counts the nodes tried for
 * it (more than one when earlier ones failed before their first byte).
 */
public record ProxyResponse(int status, List<Header> headers, Flow.Publisher<ByteBuffer> body, String endpoint,
        int attempts) {

    public ProxyResponse {
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(endpoint, "endpoint");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
    }

    public ProxyResponse(int status, List<Header> headers, Flow.Publisher<ByteBuffer> body, String endpoint) {
        this(status, headers, body, endpoint, 1);
    }

    /** Reads nothing of this answer: its body is cancelled at once, which abandons the request at the node. */
    public void drop() {
        body.subscribe(new CancellingSubscriber());
    }

    public ProxyResponse withBody(Flow.Publisher<ByteBuffer> newBody) {
        return new ProxyResponse(status, headers, newBody, endpoint, attempts);
    }

    public ProxyResponse withAttempts(int count) {
        return new ProxyResponse(status, headers, body, endpoint, count);
    }
}
