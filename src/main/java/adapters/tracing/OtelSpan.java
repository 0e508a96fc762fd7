package adapters.tracing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;

import core.fleet.Node;
import core.journal.RequestRecord;
import core.routing.Header;
import ports.out.RequestTracer;

/**
 * The span of one client request and the spans of its attempts. The request span ends with the routing decision
 * (model, the node that answered, attempts) and the answer's status and tokens; each attempt span names its node and
 * how the attempt went, and is the parent the node sees in {@code traceparent}.
 */
final class OtelSpan implements RequestTracer.Span {

    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> ENDPOINT = AttributeKey.stringKey("drover.endpoint");
    static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("drover.attempts");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("drover.attempt");
    static final AttributeKey<String> KEY = AttributeKey.stringKey("drover.key");
    static final AttributeKey<String> FAILURE = AttributeKey.stringKey("drover.failure");
    static final AttributeKey<Long> FIRST_BYTE_MS = AttributeKey.longKey("drover.time_to_first_byte_ms");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> VIA = AttributeKey.stringKey("drover.via");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final Context context;
    private final Span span;
    private volatile String failure;

    OtelSpan(Tracer tracer, TextMapPropagator propagator, Context context, Span span) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.context = context;
        this.span = span;
    }

    @Override
    public RequestTracer.Attempt attempt(String endpoint, URI url, int attempt) {
        SpanBuilder builder = tracer.spanBuilder("attempt " + endpoint)
                .setParent(context)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(ENDPOINT, endpoint)
                .setAttribute(ATTEMPT, attempt);
        if (Node.RELAY_SCHEME.equals(url.getScheme())) {
            builder.setAttribute(VIA, "relay");
        } else {
            builder.setAttribute(SERVER_ADDRESS, url.getHost()).setAttribute(SERVER_PORT, port(url));
        }
        Span child = builder.startSpan();
        List<Header> headers = new ArrayList<>(3);
        propagator.inject(context.with(child), headers, (carrier, name, value) -> carrier.add(new Header(name, value)));
        return new OtelAttempt(child, List.copyOf(headers));
    }

    @Override
    public void failed(String reason) {
        failure = reason;
    }

    @Override
    public void end(RequestRecord request) {
        span.setAttribute(STATUS, request.status());
        if (request.model() != null) {
            span.setAttribute(MODEL, request.model());
        }
        if (request.endpoint() != null) {
            span.setAttribute(ENDPOINT, request.endpoint());
        }
        span.setAttribute(ATTEMPTS, request.attempts());
        if (request.keyName() != null) {
            span.setAttribute(KEY, request.keyName());
        }
        if (request.firstByteMillis() >= 0) {
            span.setAttribute(FIRST_BYTE_MS, request.firstByteMillis());
        }
        if (request.promptTokens() >= 0) {
            span.setAttribute(INPUT_TOKENS, request.promptTokens());
        }
        if (request.completionTokens() >= 0) {
            span.setAttribute(OUTPUT_TOKENS, request.completionTokens());
        }
        String why = failure;
        if (why != null) {
            span.setAttribute(FAILURE, why);
        }
        if (request.status() >= 500) {
            span.setStatus(StatusCode.ERROR, why == null ? "status " + request.status() : why);
        }
        span.end();
    }

    private static long port(URI url) {
        if (url.getPort() > 0) {
            return url.getPort();
        }
        return "https".equals(url.getScheme()) ? 443 : 80;
    }

    /** One attempt on one node. */
    private record OtelAttempt(Span span, List<Header> propagation) implements RequestTracer.Attempt {

        @Override
        public void answered(int status) {
            span.setAttribute(STATUS, status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR, "status " + status);
            }
            span.end();
        }

        @Override
        public void failed(Throwable error) {
            span.setAttribute(ERROR_TYPE, error.getClass().getSimpleName());
            span.setStatus(StatusCode.ERROR, error.getMessage() == null
                    ? error.getClass().getSimpleName()
                    : error.getMessage());
            span.end();
        }
    }
}
