package adapters.wiring;

import org.jboss.logging.Logger;

import core.journal.RequestRecord;
import ports.out.RequestObserver;

/**
 * One INFO line per proxied request on the {@code drover.access} logger ({@code log.access}): request id, key name,
 * route, model, node, status, latency, time to first byte, tokens, attempts, why the node was chosen,
 * whether Drover expected it to load the model, the node's own {@code load_duration} (-1: not said) and what
 * the request's session did ({@code hit}, {@code miss}, {@code moved}). Never a prompt, an answer or a key.
 * Console logging is asynchronous, so writing the line never blocks the event loop.
 */
final class AccessLog implements RequestObserver {

    private static final Logger LOG = Logger.getLogger("drover.access");

    @Override
    public void finished(RequestRecord r) {
        if (LOG.isInfoEnabled()) {
            LOG.infof("id=%s key=%s route=%s model=%s endpoint=%s status=%d latency_ms=%d ttfb_ms=%d"
                    + " prompt_tokens=%d completion_tokens=%d attempts=%d route_reason=%s cold_start=%b load_ms=%d"
                    + " affinity=%s served_model=%s fallback=%b",
                    r.requestId(), dash(r.keyName()), r.route(), dash(r.model()), dash(r.endpoint()), r.status(),
                    r.durationMillis(), r.firstByteMillis(), r.promptTokens(), r.completionTokens(), r.attempts(),
                    dash(r.routeReason()), r.coldStart(), r.loadMillis(), dash(r.affinity()),
                    dash(r.servedModel()), r.fallback());
        }
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }
}
