package adapters.http;

import java.time.Instant;
import java.util.concurrent.CancellationException;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import core.access.ApiKey;
import core.journal.RequestRecord;
import core.routing.NodeFailure;
import ports.in.RecordRequestUseCase;
import ports.out.RequestTracer;

/**
 * The running record of one proxied request: what it did, noted as it happens on its event loop and reported once when it ends: the answer
 * fully written, or the client gone first (recorded as {@link RequestRecord#ABORTED}). Prompts and answers are never
 * kept: only the tail of the answer passes through {@link UsageTap} for its token counts. With tracing on it also
 * holds the request's span, ended with the same record.
 */
final class RunningRecord {

    private final RecordRequestUseCase journal;
    private final String id;
    private final Instant startedAt;
    private final long start;
    private final String route;
    private final String keyName;
    private final UsageTap usage = new UsageTap();
    private final RequestTracer.Span span;
    private String model;
    private String endpoint;
    private int attempts;
    private String routeReason;
    private boolean coldStart;
    private String affinity;
    private String servedModel;
    private boolean fallback;
    private long firstByte = -1;
    private int cutStatus;
    private boolean finished;

    private RunningRecord(RecordRequestUseCase journal, String id, String route, String keyName,
            RequestTracer.Span span) {
        this.journal = journal;
        this.span = span;
        this.id = id;
        this.route = route;
        this.keyName = keyName;
        this.startedAt = Instant.now();
        this.start = System.nanoTime();
    }

    /** Starts tracing the request of {@code rc}; it reports itself when the response ends or the client leaves. */
    static RunningRecord start(RoutingContext rc, String id, RecordRequestUseCase journal, RequestTracer tracer) {
        ApiKey caller = rc.get(AccessGuard.CALLER);
        String route = rc.currentRoute() != null && rc.currentRoute().getPath() != null
                ? rc.currentRoute().getPath()
                : "other";
        RequestTracer.Span span = tracer.start(rc.request().method().name(), route, id, rc.request()::getHeader);
        RunningRecord trace = new RunningRecord(journal, id, route, caller == null ? null : caller.name(), span);
        HttpServerResponse response = rc.response();
        // Whether the answer was ended, not how the end was reported: an HTTP/2 stream reports itself closed even after a
        // complete answer.
        rc.addEndHandler(ended -> trace.finish(response.ended() ? response.getStatusCode() : RequestRecord.ABORTED));
        return trace;
    }

    /** The request's tracing span ({@link RequestTracer.Span#NONE} with tracing off). */
    RequestTracer.Span span() {
        return span;
    }

    /**
     * No node answered: why (the span keeps the reason; the client gets it in its error). A node that failed is named
     * as a node that answered would be, with the nodes tried, so that a 502 or 504 counts against it.
     */
    void failed(Throwable error) {
        Throwable cause = Replies.cause(error);
        if (cause instanceof NodeFailure failure) {
            endpoint = failure.endpoint();
            attempts = failure.attempts();
        }
        if (!(cause instanceof CancellationException)) {
            span.failed(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        }
    }

    /** The routing key, once it is known to be a model the fleet serves (keeps metric labels bounded). */
    void model(String canonical) {
        this.model = canonical;
    }

    /** The node that answered, how many nodes were tried, why that node, and whether it had to load the model. */
    void answeredBy(String node, int tries, String reason, boolean cold, String sessionAffinity) {
        this.affinity = sessionAffinity;
        this.endpoint = node;
        this.attempts = tries;
        this.routeReason = reason;
        this.coldStart = cold;
    }

    /** The node was asked for {@code model}, not for the name the client sent: an alias's model or a fallback. */
    void served(String model, boolean asFallback) {
        this.servedModel = model;
        this.fallback = asFallback;
    }

    /** A chunk of the answer about to be written to the client. */
    void chunk(java.nio.ByteBuffer chunk) {
        if (firstByte < 0) {
            firstByte = System.nanoTime();
        }
        usage.accept(chunk);
    }

    /**
     * The node failed after the answer began: the client got 200 headers and an in-protocol error at the end, but
     * the request is recorded with the status it would have had ({@code 502}, or {@code 504} for a timeout).
     */
    void cutMidStream(int status) {
        cutStatus = status;
    }

    /** The client went away: reported as aborted unless the answer had already ended. */
    void clientGone() {
        finish(RequestRecord.ABORTED);
    }

    private void finish(int status) {
        if (finished) {
            return;
        }
        finished = true;
        if (cutStatus != 0) {
            status = cutStatus;
        }
        long now = System.nanoTime();
        UsageTap.Usage counted = status == RequestRecord.ABORTED || status >= 400
                ? new UsageTap.Usage(-1, -1, -1, -1)
                : usage.usage();
        RequestRecord record = new RequestRecord(id, startedAt, keyName, route, endpoint == null ? null : model,
                endpoint, status, (now - start) / 1_000_000, firstByte < 0 ? -1 : (firstByte - start) / 1_000_000,
                attempts, counted.promptTokens(), counted.completionTokens(), counted.loadMillis(),
                counted.generationNanos(), routeReason, coldStart, affinity, servedModel, fallback);
        journal.record(record);
        span.end(record);
    }
}
