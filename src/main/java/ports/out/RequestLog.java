package ports.out;

import java.time.Instant;
import java.util.List;

import core.journal.RequestQuery;
import core.journal.RequestRecord;
import core.journal.UsageLine;

/**
 * The persistent request log. {@link #finished} only queues the row (bounded; a full queue drops the row and counts
 * it) and returns at once, like every {@link RequestObserver}; the queries block on the database and must run on a
 * worker thread, never on an event loop. A database that is down makes the queries fail with an unchecked exception.
 */
public interface RequestLog extends RequestObserver {

    /** Logged requests matching {@code query}, newest first. */
    List<RequestRecord> recent(RequestQuery query);

    /** Requests since {@code since}, grouped by key name, model and endpoint, busiest first. */
    List<UsageLine> usage(Instant since);

    /** Rows written to the database since start. */
    long written();

    /** Rows given up since start: queue full, or the database refused the batch. */
    long dropped();

    /** No request log ({@code database.request_log.enabled: false}): nothing kept, nothing found. */
    RequestLog NONE = new RequestLog() {
        @Override
        public void finished(RequestRecord request) {
        }

        @Override
        public List<RequestRecord> recent(RequestQuery query) {
            return List.of();
        }

        @Override
        public List<UsageLine> usage(Instant since) {
            return List.of();
        }

        @Override
        public long written() {
            return 0;
        }

        @Override
        public long dropped() {
            return 0;
        }
    };
}
