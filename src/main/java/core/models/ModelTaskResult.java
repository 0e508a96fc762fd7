package core.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a task ended on each of its nodes, in the order they were chosen. It succeeded when every node did; a delete
 * also succeeds where some nodes never had the model, as long as one had it (the model is off every node).
 */
public record ModelTaskResult(ModelTask task, Map<String, NodeOutcome> nodes) {

    public ModelTaskResult {
        nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    }

    public boolean succeeded() {
        if (task.operation() == ModelOperation.DELETE) {
            boolean removedSomewhere = nodes.values().stream().anyMatch(NodeOutcome::ok);
            return removedSomewhere && nodes.values().stream().allMatch(o -> o.ok() || o.absent());
        }
        return nodes.values().stream().allMatch(NodeOutcome::ok);
    }

    /** The nodes that failed the task, by name. */
    public List<String> failed() {
        List<String> names = new ArrayList<>();
        nodes.forEach((node, outcome) -> {
            boolean fine = outcome.ok() || (task.operation() == ModelOperation.DELETE && outcome.absent()
                    && succeeded());
            if (!fine) {
                names.add(node);
            }
        });
        return names;
    }

    /**
     * The HTTP status of a failed task answered in one piece: the status every failed node gave when they agree (404
     * when no node had the model), else 500.
     */
    public int status() {
        if (succeeded()) {
            return 200;
        }
        List<Integer> statuses = failed().stream().map(n -> nodes.get(n).status()).distinct().toList();
        return statuses.size() == 1 && statuses.get(0) >= 400 ? statuses.get(0) : 500;
    }

    /** One sentence for a failed task: which nodes failed and why, and where it worked. */
    public String summary() {
        List<String> failures = failed().stream().map(n -> n + " (" + nodes.get(n).reason() + ")").toList();
        List<String> worked = nodes.entrySet().stream().filter(e -> e.getValue().ok()).map(Map.Entry::getKey)
                .toList();
        String what = task.operation().label() + " " + task.model().canonical();
        if (failures.isEmpty()) {
            return what + " succeeded on " + String.join(", ", worked);
        }
        return what + " failed on " + String.join(", ", failures)
                + (worked.isEmpty() ? "" : "; succeeded on " + String.join(", ", worked));
    }
}
