package core.journal;

import java.util.List;
import java.util.Map;

/**
 * What the fleet has been doing lately, as the dashboard shows it. {@code requests} and {@code errors} hold one count
 * per second, oldest first, for the whole gateway; {@code nodeRequests} the same per node. {@code models}: per node
 * and model it ran (an alias's or fallback's model, not the name asked for) over the last
 * {@link FleetActivity#WINDOW_SECONDS}. Errors are answers with a 5xx status; the recent
 * list holds every answer of 400 or above (499: the client left), newest first.
 */
public record Activity(List<Long> requests, List<Long> errors, Map<String, List<Long>> nodeRequests,
        List<ModelActivity> models, QueueActivity queue, List<RequestRecord> decisions,
        List<RequestRecord> recentErrors) {

    public Activity {
        requests = List.copyOf(requests);
        errors = List.copyOf(errors);
        nodeRequests = Map.copyOf(nodeRequests);
        models = List.copyOf(models);
        decisions = List.copyOf(decisions);
        recentErrors = List.copyOf(recentErrors);
    }

    /**
     * One model on one node over the window: requests finished, 5xx among them, mean time to first byte (-1 without
     * one), mean tokens per second of generation (-1 when the node did not say), answers that loaded the model.
     */
    public record ModelActivity(String endpoint, String model, long requests, long errors, double firstByteMillis,
            double tokensPerSecond, long coldLoads) {
    }

    /** Requests that waited for a slot over the window: how many, their mean and longest wait, and how many gave up. */
    public record QueueActivity(long admitted, double meanWaitMillis, long maxWaitMillis, long rejected) {
    }
}
