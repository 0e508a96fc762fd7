package adapters.wiring;

import java.time.Duration;
import java.util.Locale;

import org.jboss.logging.Logger;

import core.fleet.CircuitState;
import ports.out.ResilienceEvents;

/**
 * Resilience events as log lines: breaker changes at INFO (an operator wants to see a node cut off), retries,
 * queueing and refusals at DEBUG ({@code quarkus.log.category."drover.resilience".level=DEBUG} to see them).
 */
final class ResilienceLog implements ResilienceEvents {

    private static final Logger LOG = Logger.getLogger("drover.resilience");

    @Override
    public void retried(String endpoint, String reason) {
        LOG.debugf("retrying elsewhere: %s failed before its first byte (%s)", endpoint, reason);
    }

    @Override
    public void queued(int depth) {
        LOG.debugf("request queued for a free node slot (%d waiting)", depth);
    }

    @Override
    public void admitted(Duration waited) {
        LOG.debugf("queued request admitted after %d ms", waited.toMillis());
    }

    @Override
    public void rejected(String reason) {
        LOG.debugf("request refused: %s", reason);
    }

    @Override
    public void circuitChanged(String endpoint, CircuitState state) {
        LOG.infof("endpoint %s: circuit breaker %s", endpoint, state.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
}
