package adapters.http;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

import adapters.http.StatusResource.Status;
import core.journal.Activity;
import core.journal.RequestRecord;

/**
 * One event of the dashboard's feed: the status page's body ({@link Status}, the same shape as
 * {@code /internal/status}) and what the fleet has been doing lately.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record DashboardView(Instant at, boolean draining, Status status, ActivityView activity) {

    static DashboardView of(Instant at, boolean draining, Status status, Activity a) {
        return new DashboardView(at, draining, status, new ActivityView(a.requests(), a.errors(), a.nodeRequests(),
                a.models().stream().map(ModelView::of).toList(), QueueView.of(a.queue()),
                a.decisions().stream().map(RequestView::of).toList(),
                a.recentErrors().stream().map(RequestView::of).toList()));
    }

    /** Per-second counts (oldest first) and the last minute per node and model; see {@link Activity}. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ActivityView(List<Long> requests, List<Long> errors, Map<String, List<Long>> nodeRequests,
            List<ModelView> models, QueueView queue, List<RequestView> decisions, List<RequestView> recentErrors) {
    }

    /** One model on one node over the last minute; figures not known are null. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ModelView(String endpoint, String model, long requests, long errors, Double firstByteMs,
            Double tokensPerSecond, long coldLoads) {

        static ModelView of(Activity.ModelActivity m) {
            return new ModelView(m.endpoint(), m.model(), m.requests(), m.errors(),
                    m.firstByteMillis() < 0 ? null : round(m.firstByteMillis()),
                    m.tokensPerSecond() < 0 ? null : round(m.tokensPerSecond()), m.coldLoads());
        }
    }

    /** Queued requests over the last minute. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record QueueView(long admitted, double meanWaitMs, long maxWaitMs, long rejected) {

        static QueueView of(Activity.QueueActivity q) {
            return new QueueView(q.admitted(), round(q.meanWaitMillis()), q.maxWaitMillis(), q.rejected());
        }
    }

    /** A finished request as the dashboard lists it: never its prompt, answer or key. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RequestView(Instant at, String requestId, String route, String model, String endpoint, int status,
            long durationMs, String reason, String affinity, boolean cold, String servedModel) {

        static RequestView of(RequestRecord r) {
            return new RequestView(r.startedAt(), r.requestId(), r.route(), r.model(), r.endpoint(), r.status(),
                    r.durationMillis(), r.routeReason(), r.affinity(), r.coldStart() || r.coldLoad(),
                    r.servedModel());
        }
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
