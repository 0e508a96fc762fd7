package core.models;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import core.fleet.ModelName;
import core.fleet.Node;

/**
 * What the model sync keeps across the fleet ({@code models.required}, {@code models.preload}): which models must be
 * on which nodes and which must be loaded there; how often it looks ({@code interval}), how many pulls one node runs at
 * once ({@code pullsPerNode}) and the longest wait before retrying a failed pull ({@code maxBackoff}; the first wait is
 * {@code interval}, doubling).
 */
public record ModelPlan(List<Want> required, List<Want> preload, Duration interval, int pullsPerNode,
        Duration maxBackoff) {

    public static final ModelPlan NONE = new ModelPlan(List.of(), List.of(), Duration.ofSeconds(30), 1,
            Duration.ofMinutes(10));

    public ModelPlan {
        required = List.copyOf(required);
        preload = List.copyOf(preload);
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        if (pullsPerNode < 1) {
            throw new IllegalArgumentException("pulls per node must be at least 1: " + pullsPerNode);
        }
    }

    public boolean empty() {
        return required.isEmpty() && preload.isEmpty();
    }

    /**
     * One model for some nodes: those named in {@code nodes} (any when empty) that carry every label in {@code labels}.
     * {@code keepAlive} is a preload's keep-alive as Ollama reads it ({@code -1}: until unloaded); null for required.
     */
    public record Want(ModelName model, List<String> nodes, Map<String, String> labels, String keepAlive) {

        public Want {
            Objects.requireNonNull(model, "model");
            nodes = List.copyOf(nodes);
            labels = Map.copyOf(labels);
        }

        public boolean appliesTo(Node node) {
            return (nodes.isEmpty() || nodes.contains(node.name())) && node.hasLabels(labels);
        }
    }
}
