package core;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * A node's answer as it starts to arrive: status and headers now, the body as a publisher of chunks in the order and
 * sizes the node sent them. {@code endpoint} names the node that answers.
 */
public record ProxyResponse(int status, List<Header> headers, Flow.Publisher<ByteBuffer> body, String endpoint) {

    public ProxyResponse {
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    public ProxyResponse withBody(Flow.Publisher<ByteBuffer> newBody) {
        return new ProxyResponse(status, headers, newBody, endpoint);
    }
}
