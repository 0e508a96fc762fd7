package core.journal;

import java.time.Instant;
import java.util.List;

import ports.in.ReviewRequestsUseCase;
import ports.out.RequestLog;

/** Answers questions about past requests from the request log. */
public final class RequestHistory implements ReviewRequestsUseCase {

    private final RequestLog log;

    public RequestHistory(RequestLog log) {
        this.log = log;
    }

    @Override
    public List<RequestRecord> recent(RequestQuery query) {
        return log.recent(query);
    }

    @Override
    public List<UsageLine> usage(Instant since) {
        return log.usage(since);
    }
}
