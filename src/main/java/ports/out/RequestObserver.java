package ports.out;

import core.journal.RequestRecord;

/**
 * Told about every proxied request once it has finished (answer ended, failed, or client gone): metrics, the access
 * log and the request log listen here. Called on event loops: an implementation must return at once, never block and
 * never throw; slow work (a database) belongs on its own thread behind a bounded queue.
 */
public interface RequestObserver {

    void finished(RequestRecord request);
}
