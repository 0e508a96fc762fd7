package adapters.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import core.routing.Drain;

/**
 * The proxied requests still open at the HTTP edge, so that when the drain timeout passes on shutdown each can be
 * ended in its client's protocol (a 503 before the answer began, the error line or frame after) instead of being cut
 * by the server's close. Thread-safe; each ending runs on its request's event loop.
 */
@ApplicationScoped
class OpenAnswers {

    /** The words a client reads when its answer is ended by the shutdown. */
    static final String SHUTTING_DOWN = "Drover is shutting down and its drain time (server.drain_timeout) is over";

    private final Set<OpenAnswer> open = ConcurrentHashMap.newKeySet();

    OpenAnswers(Drain drain) {
        drain.onDeadline(this::endAll);
    }

    /** A request being answered; {@link #end()} ends it at once, in its client's protocol. */
    interface OpenAnswer {

        void end();
    }

    void add(OpenAnswer answer) {
        open.add(answer);
    }

    void remove(OpenAnswer answer) {
        open.remove(answer);
    }

    int size() {
        return open.size();
    }

    private void endAll() {
        open.forEach(OpenAnswer::end);
    }
}
