package core.models;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the progress of one task on several nodes into one ordered stream. A layer's line carries the fleet's bytes
 * of that layer: what every node reported of it, plus, for nodes still at work that have not reported it yet, the
 * largest size any node gave (the same model has the same layers), so a client's bar rises once from 0 to 100%.
 * Thread-safe; the listener is called under the merge's lock, one call at a time.
 */
final class ProgressMerge {

    private final ModelTask task;
    private final ModelTaskListener listener;
    private final Set<String> running;
    private final Map<String, NodeOutcome> outcomes = new LinkedHashMap<>();
    private final Map<String, Map<String, long[]>> layers = new HashMap<>();

    ProgressMerge(ModelTask task, List<String> nodes, ModelTaskListener listener) {
        this.task = task;
        this.listener = listener;
        this.running = new LinkedHashSet<>(nodes);
        nodes.forEach(n -> outcomes.put(n, null));
    }

    synchronized void progress(String node, Progress line) {
        if (!running.contains(node)) {
            return;
        }
        if (!line.layer()) {
            listener.progress(new FleetProgress(node, line.status(), null, 0, 0, 0, 0, null));
            return;
        }
        Map<String, long[]> byNode = layers.computeIfAbsent(line.digest(), d -> new LinkedHashMap<>());
        byNode.put(node, new long[]{line.total(), line.completed()});
        long total = 0;
        long completed = 0;
        long largest = 0;
        for (long[] figures : byNode.values()) {
            total += figures[0];
            completed += figures[1];
            largest = Math.max(largest, figures[0]);
        }
        for (String other : running) {
            if (!byNode.containsKey(other)) {
                total += largest;
            }
        }
        listener.progress(new FleetProgress(node, line.status(), line.digest(), total, completed, line.total(),
                line.completed(), null));
    }

    synchronized void finished(String node, NodeOutcome outcome) {
        if (!running.remove(node)) {
            return;
        }
        outcomes.put(node, outcome);
        String status = outcome.ok()
                ? node + ": success"
                : outcome.absent() && task.operation() == ModelOperation.DELETE
                        ? node + ": not found"
                        : node + ": failed: " + outcome.reason();
        listener.progress(new FleetProgress(node, status, null, 0, 0, 0, 0, outcome));
        if (running.isEmpty()) {
            listener.finished(new ModelTaskResult(task, outcomes));
        }
    }
}
