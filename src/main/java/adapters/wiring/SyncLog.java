package adapters.wiring;

import java.time.Duration;
import java.time.Instant;

import org.jboss.logging.Logger;

import ports.out.ModelSyncObserver;

/** The model sync's lines: INFO when it starts and ends a pull or preload, WARN when one fails. */
final class SyncLog implements ModelSyncObserver {

    private static final Logger LOG = Logger.getLogger("drover.models");

    @Override
    public void started(String node, String model, String kind) {
        LOG.infof("%s %s on %s (models.%s)", kind.equals("preload") ? "loading" : "pulling", model, node, kind);
    }

    @Override
    public void done(String node, String model, String kind, Duration took) {
        LOG.infof("%s %s on %s in %d ms", kind.equals("preload") ? "loaded" : "pulled", model, node,
                took.toMillis());
    }

    @Override
    public void failed(String node, String model, String kind, String reason, int attempts, Instant nextTry) {
        LOG.warnf("%s %s on %s failed (attempt %d): %s; trying again at %s", kind.equals("preload")
                ? "loading"
                : "pulling", model, node, attempts, reason, nextTry);
    }
}
