package ports.in;

import core.journal.RequestRecord;

/** Hands a finished request to everyone who keeps track of requests. Non-blocking; never throws. */
public interface RecordRequestUseCase {

    void record(RequestRecord request);
}
