package ports.out;

import java.net.URI;
import java.util.List;
import java.util.function.UnaryOperator;

import core.journal.RequestRecord;
import core.routing.Header;

/**
 * Distributed tracing of proxied requests (OpenTelemetry when {@code tracing.enabled} is true): a span for each client
 * request, ended with what routing decided, and a child span for each attempt on a node, whose context travels to
 * the node in W3C {@code traceparent}. Every method is called on event loops and returns at once: none blocks, none
 * throws. With tracing off every call is answered by the {@code NONE} constants, which do nothing.
 */
public interface RequestTracer {

    /**
     * Opens the span of one client request. {@code clientHeader} reads the client's request headers by name (null
     * when absent), so a request that arrives inside a trace continues it.
     */
    Span start(String method, String route, String requestId, UnaryOperator<String> clientHeader);

    /** Traces nothing; the client's own trace headers reach the node untouched. */
    RequestTracer OFF = (method, route, requestId, clientHeader) -> Span.NONE;

    /** The span of one client request. */
    interface Span {

        /**
         * Opens the span of attempt number {@code attempt} (1, 2, ...) on node {@code endpoint} at {@code url} (its
         * host and port are recorded, never anything else of it).
         */
        Attempt attempt(String endpoint, URI url, int attempt);

        /** Why the request got no answer from a node (for example no routable node, and why each was not). */
        void failed(String reason);

        /** Ends the span with what the request did: status, model, the node that answered, attempts, tokens. */
        void end(RequestRecord request);

        Span NONE = new Span() {
            @Override
            public Attempt attempt(String endpoint, URI url, int attempt) {
                return Attempt.NONE;
            }

            @Override
            public void failed(String reason) {
            }

            @Override
            public void end(RequestRecord request) {
            }
        };
    }

    /** The span of one attempt on one node; it ends when the node's answer begins or the attempt fails. */
    interface Attempt {

        /** The headers that make this attempt the parent of the node's work; they replace the client's. */
        List<Header> propagation();

        /** The node answered with {@code status} (its body follows in the request's span). */
        void answered(int status);

        /** The attempt failed before the node answered. */
        void failed(Throwable error);

        Attempt NONE = new Attempt() {
            @Override
            public List<Header> propagation() {
                return List.of();
            }

            @Override
            public void answered(int status) {
            }

            @Override
            public void failed(Throwable error) {
            }
        };
    }
}
