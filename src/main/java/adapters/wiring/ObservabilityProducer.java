package adapters.wiring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import adapters.config.LogConfig;
import adapters.metrics.DroverMetrics;
import core.Ticker;
import core.fleet.CircuitState;
import core.fleet.ResidencyTracker;
import core.journal.FleetActivity;
import core.journal.RequestHistory;
import core.journal.RequestJournal;
import ports.in.RecordRequestUseCase;
import ports.in.ReviewRequestsUseCase;
import ports.out.RequestLog;
import ports.out.RequestObserver;
import ports.out.ResilienceEvents;

/** Who hears of finished requests (routing's residency, metrics, the dashboard's activity, access log, request log) and of resilience events (log, metrics). */
@ApplicationScoped
class ObservabilityProducer {

    private AccessLog accessLog;

    @Produces
    @Singleton
    RecordRequestUseCase journal(DroverMetrics metrics, RequestLog requestLog, LogConfig log,
            ResidencyTracker residency, FleetActivity activity) {
        List<RequestObserver> observers = new ArrayList<>(List.of(residency::finished, metrics, requestLog,
                activity::finished));
        if (log.access()) {
            accessLog = new AccessLog();
            observers.add(accessLog);
        }
        return new RequestJournal(observers);
    }

    /** The access log's last lines reach the console before the gateway exits. */
    @PreDestroy
    void close() {
        if (accessLog != null) {
            accessLog.close();
        }
    }

    /** What the dashboard shows of the last minutes. */
    @Produces
    @Singleton
    FleetActivity activity(Ticker ticker) {
        return new FleetActivity(ticker);
    }

    @Produces
    @Singleton
    ReviewRequestsUseCase history(RequestLog requestLog) {
        return new RequestHistory(requestLog);
    }

    @Produces
    @Singleton
    ResilienceEvents resilienceEvents(DroverMetrics metrics, FleetActivity activity) {
        ResilienceEvents log = new ResilienceLog();
        return new ResilienceEvents() {
            @Override
            public void retried(String endpoint, String reason) {
                log.retried(endpoint, reason);
                metrics.retried(endpoint, reason);
            }

            @Override
            public void queued(int depth) {
                log.queued(depth);
            }

            @Override
            public void admitted(Duration waited) {
                log.admitted(waited);
                metrics.admitted(waited);
                activity.admitted(waited);
            }

            @Override
            public void rejected(String reason) {
                log.rejected(reason);
                metrics.rejected(reason);
                activity.rejected();
            }

            @Override
            public void circuitChanged(String endpoint, CircuitState state) {
                log.circuitChanged(endpoint, state);
                metrics.circuitChanged(endpoint, state);
            }
        };
    }
}
