package adapters.http;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.ext.web.RoutingContext;

import ports.in.RecordRequestUseCase;
import ports.out.RequestTracer;

/** Starts the {@link RunningRecord} of each proxied request, with the journal and the tracer it reports to. */
@ApplicationScoped
class RunningRecords {

    private final RecordRequestUseCase journal;
    private final RequestTracer tracer;

    RunningRecords(RecordRequestUseCase journal, RequestTracer tracer) {
        this.journal = journal;
        this.tracer = tracer;
    }

    RunningRecord start(RoutingContext rc, String id) {
        return RunningRecord.start(rc, id, journal, tracer);
    }
}
