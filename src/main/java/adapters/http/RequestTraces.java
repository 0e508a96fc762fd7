package adapters.http;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.ext.web.RoutingContext;

import ports.in.RecordRequestUseCase;
import ports.out.RequestTracer;

/** Starts the {@link RequestTrace} of each proxied request, with the journal and the tracer it reports to. */
@ApplicationScoped
class RequestTraces {

    private final RecordRequestUseCase journal;
    private final RequestTracer tracer;

    RequestTraces(RecordRequestUseCase journal, RequestTracer tracer) {
        this.journal = journal;
        this.tracer = tracer;
    }

    RequestTrace start(RoutingContext rc, String id) {
        return RequestTrace.start(rc, id, journal, tracer);
    }
}
