package adapters.wiring;

import org.jboss.logging.Logger;

import adapters.metrics.DroverMetrics;
import core.settings.ReloadOutcome;
import ports.out.ReloadObserver;

/** One line per reload (INFO when applied or unchanged, WARN when refused), and the reload counter. */
final class ReloadLog implements ReloadObserver {

    private static final Logger LOG = Logger.getLogger("drover.config");

    private final DroverMetrics metrics;

    ReloadLog(DroverMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void reloaded(ReloadOutcome outcome) {
        metrics.configReloaded(outcome.result());
        switch (outcome.result()) {
            case APPLIED -> LOG.infof("config.yaml reloaded (%s): %s", outcome.trigger(),
                    String.join(", ", outcome.changes()));
            case UNCHANGED -> LOG.infof("config.yaml re-read (%s): nothing to change", outcome.trigger());
            case INVALID, REFUSED -> LOG.warnf("config.yaml not applied (%s), the running configuration stays: %s",
                    outcome.trigger(), outcome.problem());
        }
    }
}
