package adapters.http;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import core.MalformedRequestException;
import core.access.ForbiddenModelException;
import core.fleet.ModelName;
import core.routing.AdmissionQueue;
import core.routing.DrainingException;
import core.routing.Header;
import core.routing.ProxyRequest;
import core.routing.ProxyResponse;
import ports.in.DescribeFleetUseCase;
import ports.in.ForwardRequestUseCase;

/**
 * The hot path: reads the body (bounded), takes the routing key from it, forwards through the core and relays the
 * node's answer. A client that leaves cancels the forward or the body at once. Event loop; never blocks.
 */
@ApplicationScoped
class ProxyHandler {

    static final String TARGET_HEADER = "X-Drover-Endpoint";
    static final String PRIORITY_HEADER = "X-Drover-Priority";
    /** Why the node was chosen: {@code core.routing.RouteReason}'s label. */
    static final String ROUTE_HEADER = "X-Drover-Route";
    /** What the request's session did: {@code core.routing.Affinity}'s label; absent without a session. */
    static final String AFFINITY_HEADER = "X-Drover-Affinity";
    /** The fallback model that answered because no node of the asked one could take the request. */
    static final String FALLBACK_HEADER = "X-Drover-Fallback";
    // The names set on every answer, made once: an optimized name keeps its hash and bytes, where a String's are
    // computed again, character by character, for every answer (hash, validation, encoding).
    private static final CharSequence ENDPOINT = HttpHeaders.createOptimized(TARGET_HEADER);
    private static final CharSequence PRIORITY = HttpHeaders.createOptimized(PRIORITY_HEADER);
    private static final CharSequence ATTEMPTS = HttpHeaders.createOptimized("X-Drover-Attempts");
    private static final CharSequence ROUTE = HttpHeaders.createOptimized(ROUTE_HEADER);
    private static final CharSequence AFFINITY = HttpHeaders.createOptimized(AFFINITY_HEADER);
    private static final CharSequence FALLBACK = HttpHeaders.createOptimized(FALLBACK_HEADER);
    private static final CharSequence MODEL = HttpHeaders.createOptimized("X-Drover-Model");

    private final ForwardRequestUseCase forward;
    private final DescribeFleetUseCase fleet;
    private final AccessGuard guard;
    private final RunningRecords traces;
    private final OpenAnswers answers;

    ProxyHandler(ForwardRequestUseCase forward, DescribeFleetUseCase fleet, AccessGuard guard,
            RunningRecords traces, OpenAnswers answers) {
        this.answers = answers;
        this.forward = forward;
        this.traces = traces;
        this.fleet = fleet;
        this.guard = guard;
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
        String id = Gate.requestId(rc);
        RunningRecord trace = traces.start(rc, id);
        Buffer body = body(rc);
        String model;
        ModelName name;
        ProxyRequest forward;
        try {
            ModelField.Fields fields = ModelField.read(body);
            model = fields.model();
            name = ModelName.requested(model);
            trace.model(name.canonical());
            guard.checkModel(rc, name);
            // Made whole at once: each with-copy made another request and another read-only view of the body.
            ProxyRequest.ModelSpan span = fields.modelStart() < 0 ? null
                    : new ProxyRequest.ModelSpan(fields.modelStart(), fields.modelEnd());
            forward = new ProxyRequest(id, request.method().name(), request.uri(), ForwardedHeaders.of(request),
                    nio(body), name, null, priority(request), trace.span(), fields.keepAlive(),
                    SessionKey.of(request, fields, AccessGuard.keyName(rc)), span, null);
        } catch (MalformedRequestException | ForbiddenModelException e) {
            Replies.failure(dialect, rc.response(), e);
            return;
        }
        relay(rc, forward, model, dialect, trace);
    }

    /** Model-management routes: the client names the node with {@code X-Drover-Endpoint}. */
    void byTarget(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String id = Gate.requestId(rc);
        RunningRecord trace = traces.start(rc, id);
        String target = request.getHeader(ENDPOINT);
        if (target == null || target.isBlank()) {
            Replies.error(Dialect.OLLAMA, rc.response(), 400,
                    request.path() + " changes the models of the nodes it names: header " + TARGET_HEADER
                            + ": <node> (nodes: "
                            + String.join(", ", fleet.describe().endpoints().stream().map(e -> e.name()).toList())
                            + "), * for every node or a,b for several; or X-Drover-Nodes: key=value by label");
            return;
        }
        try {
            guard.checkManagement(rc);
        } catch (ForbiddenModelException e) {
            Replies.failure(Dialect.OLLAMA, rc.response(), e);
            return;
        }
        relay(rc, ProxyRequest.forEndpoint(id, request.method().name(), request.uri(), ForwardedHeaders.of(request),
                nio(body(rc)), target.strip()).tracedBy(trace.span()), null, Dialect.OLLAMA, trace);
    }

    private void relay(RoutingContext rc, ProxyRequest request, String model, Dialect dialect, RunningRecord trace) {
        HttpServerResponse response = rc.response();
        CompletableFuture<ProxyResponse> pending = forward.forward(request).toCompletableFuture();
        BodySubscriber[] body = new BodySubscriber[1];
        io.vertx.core.Context context = rc.vertx().getOrCreateContext();
        OpenAnswers.OpenAnswer open = () -> context.runOnContext(v -> {
            if (body[0] != null) {
                body[0].interrupt(OpenAnswers.SHUTTING_DOWN);
            } else {
                // The 503 first: cancelling completes the request's future at once, and its failure handler would
                // otherwise answer first, with the cancellation as a 500.
                Replies.closeAfter(rc.request());
                Replies.failure(dialect, response, new DrainingException());
                pending.cancel(false);
            }
        });
        answers.add(open);
        rc.addEndHandler(ended -> answers.remove(open));
        response.closeHandler(v -> {
            if (response.ended()) {
                // HTTP/2 closes every stream after its answer: only a close before the end is a client leaving.
                return;
            }
            trace.clientGone();
            pending.cancel(false);
            if (body[0] != null) {
                body[0].cancel();
            }
        });
        pending.whenComplete((answer, error) -> {
            if (error != null) {
                trace.failed(error);
                if (Replies.cause(error) instanceof DrainingException) {
                    // Draining: a load balancer in front should take this client elsewhere.
                    Replies.closeAfter(rc.request());
                }
                Replies.failure(dialect, response, error);
                return;
            }
            String route = answer.route() == null ? null : answer.route().label();
            String affinity = answer.affinity().label();
            if (answer.servedModel() != null) {
                trace.served(answer.servedModel(), answer.fallback());
            }
            trace.answeredBy(answer.endpoint(), answer.attempts(), route, answer.coldStart(), affinity);
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
            response.putHeader(ENDPOINT, answer.endpoint());
            response.putHeader(ATTEMPTS, Integer.toString(answer.attempts()));
            if (route != null) {
                response.putHeader(ROUTE, route);
            }
            if (affinity != null) {
                response.putHeader(AFFINITY, affinity);
            }
            Flow.Publisher<ByteBuffer> content = answer.body();
            if (answer.fallback()) {
                response.putHeader(FALLBACK, answer.servedModel());
            } else if (answer.servedModel() != null && model != null
                    && !response.headers().contains(HttpHeaders.CONTENT_ENCODING)) {
                // An alias: the client reads back the name it asked for; the length changes with it.
                content = new ModelRename(content, answer.servedModel(), model.strip());
                response.headers().remove(HttpHeaders.CONTENT_LENGTH);
            }
            if (model != null) {
                response.putHeader(MODEL, model);
            }
            if (!response.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
                response.setChunked(true);
            }
            body[0] = new BodySubscriber(response, dialect, trace);
            content.subscribe(body[0]);
        });
    }

    /** {@code X-Drover-Priority}: 1 (lowest) to 10, default 5; orders requests waiting for a node slot. */
    private static int priority(HttpServerRequest request) {
        String value = request.getHeader(PRIORITY);
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

    /** The body the gate read (bounded by {@code server.max_body_size}); empty when there was none. */
    private static Buffer body(RoutingContext rc) {
        Buffer body = rc.body().buffer();
        return body == null ? Buffer.buffer() : body;
    }

    private static ByteBuffer nio(Buffer body) {
        return body.getByteBuf().nioBuffer();
    }
}
