package core.routing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import core.fleet.ModelName;
import ports.out.RequestTracer;

/**
 * A client request to forward: where it goes is decided by {@code model} (model-routed) or {@code targetEndpoint}
 * (a node named by the client, for model management). Headers are the client's minus hop-by-hop ones; the body is
 * held whole (it is small for inference routes and is replayed on retries). {@code priority} orders the request in
 * the admission queue when every node that could serve it is full. {@code trace} is the request's tracing span
 * ({@link RequestTracer.Span#NONE} with tracing off). {@code keepAlive} is how long the client asked the node to keep
 * the model loaded after this request (negative: forever; null: not said), which routing remembers. {@code session}
 * is a hash of the conversation the request belongs to ({@link #NO_SESSION}: none), which keeps it on one node.
 * {@code modelSpan} is where the body names the model (null: not known), so a route can name another; {@code served}
 * is the model a route sent it to instead of the client's (null: the client's own).
 */
public record ProxyRequest(String requestId, String method, String uri, List<Header> headers, ByteBuffer body,
        ModelName model, String targetEndpoint, int priority, RequestTracer.Span trace, Duration keepAlive,
        long session, ModelSpan modelSpan, ModelRoutes.Served served) {

    /** Where the model's JSON string lies in the body: bytes {@code [start, end)}, quotes included. */
    public record ModelSpan(int start, int end) {

        public ModelSpan {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("model span [" + start + ", " + end + ")");
            }
        }
    }

    /** {@code session} of a request that belongs to none. */
    public static final long NO_SESSION = 0;

    public ProxyRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = List.copyOf(headers);
        body = body == null ? ByteBuffer.allocate(0) : body.asReadOnlyBuffer();
        trace = trace == null ? RequestTracer.Span.NONE : trace;
        if (model == null && targetEndpoint == null) {
            throw new IllegalArgumentException("a request needs a model or a target endpoint");
        }
    }

    public static ProxyRequest forModel(String requestId, String method, String uri, List<Header> headers,
            ByteBuffer body, ModelName model) {
        return new ProxyRequest(requestId, method, uri, headers, body, model, null,
                AdmissionQueue.DEFAULT_PRIORITY, RequestTracer.Span.NONE, null, NO_SESSION, null, null);
    }

    public static ProxyRequest forEndpoint(String requestId, String method, String uri, List<Header> headers,
            ByteBuffer body, String endpoint) {
        return new ProxyRequest(requestId, method, uri, headers, body, null, endpoint,
                AdmissionQueue.DEFAULT_PRIORITY, RequestTracer.Span.NONE, null, NO_SESSION, null, null);
    }

    /** The same request with a queue priority ({@code X-Drover-Priority}, 1-10, higher first). */
    public ProxyRequest withPriority(int newPriority) {
        return new ProxyRequest(requestId, method, uri, headers, body, model, targetEndpoint, newPriority, trace,
                keepAlive, session, modelSpan, served);
    }

    /** The same request with the client's {@code keep_alive} (null: not said). */
    public ProxyRequest withKeepAlive(Duration asked) {
        return new ProxyRequest(requestId, method, uri, headers, body, model, targetEndpoint, priority, trace, asked,
                session, modelSpan, served);
    }

    /** The same request as part of {@code conversation} ({@link #NO_SESSION}: none). */
    public ProxyRequest inSession(long conversation) {
        return new ProxyRequest(requestId, method, uri, headers, body, model, targetEndpoint, priority, trace,
                keepAlive, conversation, modelSpan, served);
    }

    /** The same request, knowing where its body names the model. */
    public ProxyRequest namingModelAt(ModelSpan span) {
        return new ProxyRequest(requestId, method, uri, headers, body, model, targetEndpoint, priority, trace,
                keepAlive, session, span, served);
    }

    /**
     * The same request for {@code route}'s model, its body naming it as the route spells it (a plain model name:
     * letters, digits and {@code _ - . : /}) in place of what the client wrote; this request when that is what it
     * asks.
     */
    public ProxyRequest servedAs(ModelRoutes.Served route) {
        if (route.model().equals(model) || modelSpan == null) {
            return this;
        }
        byte[] name = ("\"" + route.spelling() + "\"").getBytes(StandardCharsets.UTF_8);
        ByteBuffer source = bodyView();
        int length = source.remaining();
        ByteBuffer rewritten = ByteBuffer.allocate(length - (modelSpan.end() - modelSpan.start()) + name.length);
        rewritten.put(source.duplicate().limit(source.position() + modelSpan.start()));
        rewritten.put(name);
        rewritten.put(source.duplicate().position(source.position() + modelSpan.end()));
        rewritten.flip();
        return new ProxyRequest(requestId, method, uri, headers, rewritten, route.model(), targetEndpoint, priority,
                trace, keepAlive, session, new ModelSpan(modelSpan.start(), modelSpan.start() + name.length), route);
    }

    /** The same request, traced by {@code span}. */
    public ProxyRequest tracedBy(RequestTracer.Span span) {
        if (span == trace) {
            return this;
        }
        return new ProxyRequest(requestId, method, uri, headers, body, model, targetEndpoint, priority, span,
                keepAlive, session, modelSpan, served);
    }

    /**
     * The same request carrying the trace context of one attempt: each of {@code propagation}'s headers replaces the
     * client's header of that name. The body is shared, not copied.
     */
    public ProxyRequest withTraceHeaders(List<Header> propagation) {
        if (propagation.isEmpty()) {
            return this;
        }
        List<Header> merged = new ArrayList<>(headers.size() + propagation.size());
        for (Header header : headers) {
            if (propagation.stream().noneMatch(p -> p.name().equalsIgnoreCase(header.name()))) {
                merged.add(header);
            }
        }
        merged.addAll(propagation);
        return new ProxyRequest(requestId, method, uri, merged, body, model, targetEndpoint, priority, trace,
                keepAlive, session, modelSpan, served);
    }

    /** Ollama's native API (paths under {@code /api/}) exists only on Ollama nodes; {@code /v1} on every kind. */
    public boolean requiresOllama() {
        return uri.startsWith("/api/");
    }

    /**
     * The model this request makes a node load, which routing by residency counts on: the requested model, except
     * for {@code /api/show} (it reads the model's files and loads nothing); null for a request sent to a named node.
     */
    public ModelName loadsModel() {
        return model != null && loadsModel(uri) ? model : null;
    }

    /** Whether a request to {@code path} makes its node load the model it names: every model route but one. */
    public static boolean loadsModel(String path) {
        return !path.startsWith("/api/show");
    }

    /** A fresh read-only view of the body, positioned at its start (each send needs its own). */
    public ByteBuffer bodyView() {
        return body.duplicate();
    }
}
