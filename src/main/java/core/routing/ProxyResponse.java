package core.routing;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * A node's answer as it starts to arrive: status and headers now, the body as a publisher of chunks in the order and
 * sizes the node sent them. {@code endpoint} names the node that answers; {@code attempts} counts the nodes tried for
 * it (more than one when earlier ones failed before their first byte); {@code route} says why that node (null until
 * the router says), {@code coldStart} whether the model was not loaded there when the request was sent, and
 * {@code affinity} what the request's session did to the choice; {@code servedModel} the model the node was asked
 * for when it is not the client's name (null otherwise), {@code fallback} whether it is a fallback.
 */
public record ProxyResponse(int status, List<Header> headers, Flow.Publisher<ByteBuffer> body, String endpoint,
        int attempts, RouteReason route, boolean coldStart, Affinity affinity, String servedModel, boolean fallback) {

    public ProxyResponse {
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(endpoint, "endpoint");
        affinity = affinity == null ? Affinity.NONE : affinity;
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
    }

    public ProxyResponse(int status, List<Header> headers, Flow.Publisher<ByteBuffer> body, String endpoint) {
        this(status, headers, body, endpoint, 1);
    }

    public ProxyResponse(int status, List<Header> headers, Flow.Publisher<ByteBuffer> body, String endpoint,
            int attempts) {
        this(status, headers, body, endpoint, attempts, null, false, Affinity.NONE, null, false);
    }

    /**
     * The same answer, from a node asked for {@code model} (as the node spells it) instead of the name the client
     * sent: what an alias stands for, or ({@code asFallback}) a fallback model.
     */
    public ProxyResponse servedAs(String model, boolean asFallback) {
        return new ProxyResponse(status, headers, body, endpoint, attempts, route, coldStart, affinity, model,
                asFallback);
    }

    /**
     * The length of the body as its {@code Content-Length} declares it; -1 when it is not declared, is not one whole
     * number, or the body is framed by {@code Transfer-Encoding} instead.
     */
    public long contentLength() {
        long length = -1;
        for (Header header : headers) {
            String name = header.name();
            if (name.equalsIgnoreCase("Transfer-Encoding")) {
                return -1;
            }
            if (name.equalsIgnoreCase("Content-Length")) {
                long value = Header.length(header.value());
                if (value < 0 || length >= 0 && value != length) {
                    return -1;
                }
                length = value;
            }
        }
        return length;
    }

    /** Reads nothing of this answer: its body is cancelled at once, which abandons the request at the node. */
    public void drop() {
        body.subscribe(new CancellingSubscriber());
    }

    public ProxyResponse withBody(Flow.Publisher<ByteBuffer> newBody) {
        return new ProxyResponse(status, headers, newBody, endpoint, attempts, route, coldStart, affinity, servedModel,
                fallback);
    }

    public ProxyResponse withAttempts(int count) {
        return new ProxyResponse(status, headers, body, endpoint, count, route, coldStart, affinity, servedModel,
                fallback);
    }

    /**
     * The same answer, saying why its node was chosen, whether the request paid a model load there and what its
     * session did to the choice.
     */
    public ProxyResponse routed(RouteReason reason, boolean cold, Affinity sessionAffinity) {
        return new ProxyResponse(status, headers, body, endpoint, attempts, reason, cold, sessionAffinity, servedModel,
                fallback);
    }
}
