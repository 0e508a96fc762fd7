package ports.in;

import java.time.Instant;
import java.util.List;

import core.journal.RequestQuery;
import core.journal.RequestRecord;
import core.journal.UsageLine;

/** What the request log holds: recent requests and usage over a window. Blocking (a database): worker threads only. */
public interface ReviewRequestsUseCase {

    List<RequestRecord> recent(RequestQuery query);

    List<UsageLine> usage(Instant since);
}
