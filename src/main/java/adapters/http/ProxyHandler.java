package adapters.http;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import adapters.config.ServerConfig;
import core.AdmissionQueue;
import core.ForbiddenModelException;
import core.Header;
import core.MalformedRequestException;
import core.ModelName;
import core.ProxyRequest;
import core.ProxyResponse;
import ports.in.DescribeFleetUseCase;
import ports.in.ForwardRequestUseCase;
import ports.in.RecordRequestUseCase;
import ports.out.RequestTracer;

/**
 * The hot path: reads the body (bounded), takes the routing key from it, forwards through the core and relays the
 * node's answer. A client that leaves cancels the forward or the body at once. Event loop; never blocks.
 */
@ApplicationScoped
class ProxyHandler {

    static final String TARGET_HEADER = "X-Drover-Endpoint";
    static final String PRIORITY_HEADER = "X-Drover-Priority";

    private final ForwardRequestUseCase forward;
    private final DescribeFleetUseCase fleet;
    private final AccessGuard guard;
    private final RecordRequestUseCase journal;
    private final RequestTracer tracer;
    private final long maxBody;
    private final Duration bodyTimeout;

    ProxyHandler(ForwardRequestUseCase forward, DescribeFleetUseCase fleet, ServerConfig server, AccessGuard guard,
            RecordRequestUseCase journal, RequestTracer tracer) {
        this.forward = forward;
        this.journal = journal;
        this.tracer = tracer;
        this.fleet = fleet;
        this.guard = guard;
        this.maxBody = server.maxBodySize().asLongValue();
        this.bodyTimeout = server.bodyTimeout();
    }

    /** Inference and model-info routes of Ollama's native API: the body's {@code model} picks the node. */
    void byModel(RoutingContext rc) {
        byModel(rc, Dialect.OLLAMA);
    }

    /** The OpenAI-compatible routes under {@code /v1}: the body's {@code model} picks the node. */
    void openAiByModel(RoutingContext rc) {
        byModel(rc, Dialect.OPENAI);
    }

    private void byModel(RoutingContext rc, Dialect dialect) {
        HttpServerRequest request = rc.request();
        String id = RequestIds.of(request);
        rc.response().putHeader("X-Drover-Request-Id", id);
        RequestTrace trace = RequestTrace.start(rc, id, journal, tracer);
        BodyReader.read(rc.vertx(), request, maxBody, bodyTimeout).onComplete(ar -> {
            if (ar.failed()) {
                Replies.failure(dialect, rc.response(), ar.cause());
                return;
            }
            Buffer body = ar.result();
            String model;
            ModelName name;
            try {
                model = ModelField.of(body);
                name = ModelName.requested(model);
                trace.model(name.canonical());
                guard.checkModel(rc, name);
            } catch (MalformedRequestException | ForbiddenModelException e) {
                Replies.failure(dialect, rc.response(), e);
                return;
            }
            ProxyRequest forward;
            try {
                forward = ProxyRequest.forModel(id, request.method().name(), request.uri(), headers(request),
                        nio(body), name).withPriority(priority(request)).tracedBy(trace.span());
            } catch (MalformedRequestException e) {
                Replies.failure(dialect, rc.response(), e);
                return;
            }
            relay(rc, forward, model, dialect, trace);
        });
    }

    /** Model-management routes: the client names the node with {@code X-Drover-Endpoint}. */
    void byTarget(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String id = RequestIds.of(request);
        rc.response().putHeader("X-Drover-Request-Id", id);
        RequestTrace trace = RequestTrace.start(rc, id, journal, tracer);
        String target = request.getHeader(TARGET_HEADER);
        if (target == null || target.isBlank()) {
            Replies.error(Dialect.OLLAMA, rc.response(), 400,
                    request.path() + " changes the models of one node; name it"
                            + " with header " + TARGET_HEADER + ": <node> (nodes: "
                            + String.join(", ", fleet.describe().endpoints().stream().map(e -> e.name()).toList())
                            + ")");
            return;
        }
        try {
            guard.checkManagement(rc);
        } catch (ForbiddenModelException e) {
            Replies.failure(Dialect.OLLAMA, rc.response(), e);
            return;
        }
        BodyReader.read(rc.vertx(), request, maxBody, bodyTimeout).onComplete(ar -> {
            if (ar.failed()) {
                Replies.failure(Dialect.OLLAMA, rc.response(), ar.cause());
                return;
            }
            relay(rc, ProxyRequest.forEndpoint(id, request.method().name(), request.uri(), headers(request),
                    nio(ar.result()), target.strip()).tracedBy(trace.span()), null, Dialect.OLLAMA, trace);
        });
    }

    private void relay(RoutingContext rc, ProxyRequest request, String model, Dialect dialect, RequestTrace trace) {
        HttpServerResponse response = rc.response();
        CompletableFuture<ProxyResponse> pending = forward.forward(request).toCompletableFuture();
        BodySubscriber[] body = new BodySubscriber[1];
        response.closeHandler(v -> {
            trace.clientGone();
            pending.cancel(false);
            if (body[0] != null) {
                body[0].cancel();
            }
        });
        pending.whenComplete((answer, error) -> {
            if (error != null) {
                trace.failed(error);
                Replies.failure(dialect, response, error);
                return;
            }
            trace.answeredBy(answer.endpoint(), answer.attempts());
            if (response.closed()) {
                answer.body().subscribe(new BodySubscriber(response, dialect, trace));
                return;
            }
            response.setStatusCode(answer.status());
            for (Header header : answer.headers()) {
                if (!HopByHop.is(header.name())) {
                    response.headers().add(header.name(), header.value());
                }
            }
            response.putHeader("X-Drover-Endpoint", answer.endpoint());
            response.putHeader("X-Drover-Attempts", Integer.toString(answer.attempts()));
            if (model != null) {
                response.putHeader("X-Drover-Model", model);
            }
            if (!response.headers().contains("Content-Length")) {
                response.setChunked(true);
            }
            body[0] = new BodySubscriber(response, dialect, trace);
            answer.body().subscribe(body[0]);
        });
    }

    /** {@code X-Drover-Priority}: 1 (lowest) to 10, default 5; orders requests waiting for a node slot. */
    private static int priority(HttpServerRequest request) {
        String value = request.getHeader(PRIORITY_HEADER);
        if (value == null) {
            return AdmissionQueue.DEFAULT_PRIORITY;
        }
        try {
            int priority = Integer.parseInt(value.strip());
            if (priority >= AdmissionQueue.MIN_PRIORITY && priority <= AdmissionQueue.MAX_PRIORITY) {
                return priority;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MalformedRequestException(PRIORITY_HEADER + " must be a whole number from "
                + AdmissionQueue.MIN_PRIORITY + " to " + AdmissionQueue.MAX_PRIORITY + ", not '" + value + "'");
    }

    private static List<Header> headers(HttpServerRequest request) {
        List<Header> headers = new ArrayList<>(request.headers().size());
        for (Map.Entry<String, String> entry : request.headers()) {
            String name = entry.getKey();
            // The client's Authorization belongs to Drover (its own keys), never to a node.
            if (!HopByHop.is(name) && !name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")
                    && !name.equalsIgnoreCase(TARGET_HEADER) && !name.equalsIgnoreCase(PRIORITY_HEADER)
                    && !name.equalsIgnoreCase("Authorization")) {
                headers.add(new Header(name, entry.getValue()));
            }
        }
        return headers;
    }

    private static ByteBuffer nio(Buffer body) {
        return body.getByteBuf().nioBuffer();
    }
}
