package adapters.tracing;

import java.util.List;
import java.util.function.UnaryOperator;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

import ports.out.RequestTracer;

/**
 * OpenTelemetry spans for proxied requests: a SERVER span per client request, continuing the client's trace when
 * it sent {@code traceparent}, and a CLIENT span per attempt on a node (see {@link OtelSpan}).
 */
final class OtelRequestTracer implements RequestTracer {

    static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("drover.request_id");

    /** Reads the client's headers; the W3C propagators only ask for headers by name. */
    private static final TextMapGetter<UnaryOperator<String>> CLIENT_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(UnaryOperator<String> carrier) {
            return List.of();
        }

        @Override
        public String get(UnaryOperator<String> carrier, String key) {
            return carrier == null ? null : carrier.apply(key);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    OtelRequestTracer(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("drover");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    @Override
    public Span start(String method, String route, String requestId, UnaryOperator<String> clientHeader) {
        Context parent = propagator.extract(Context.root(), clientHeader, CLIENT_HEADERS);
        io.opentelemetry.api.trace.Span span = tracer.spanBuilder(method + " " + route)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(HTTP_METHOD, method)
                .setAttribute(HTTP_ROUTE, route)
                .setAttribute(REQUEST_ID, requestId)
                .startSpan();
        return new OtelSpan(tracer, propagator, parent.with(span), span);
    }
}
