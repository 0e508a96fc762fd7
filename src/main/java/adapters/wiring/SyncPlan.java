package adapters.wiring;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import core.models.ModelPlan;

/** The model sync's plan in force: read from config.yaml at start, replaced when a reload applies. */
final class SyncPlan implements Supplier<ModelPlan> {

    private volatile ModelPlan plan;

    SyncPlan(ModelPlan plan) {
        this.plan = plan;
    }

    @Override
    public ModelPlan get() {
        return plan;
    }

    /** Puts {@code next} in force; says what changed, for the reload's log line. */
    List<String> replace(ModelPlan next) {
        List<String> changes = new ArrayList<>();
        ModelPlan before = plan;
        if (!before.required().equals(next.required())) {
            changes.add(entries("models.required", next.required().size()));
        }
        if (!before.preload().equals(next.preload())) {
            changes.add(entries("models.preload", next.preload().size()));
        }
        if (!before.interval().equals(next.interval()) || before.pullsPerNode() != next.pullsPerNode()
                || !before.maxBackoff().equals(next.maxBackoff())) {
            changes.add("models.sync");
        }
        plan = next;
        return changes;
    }

    private static String entries(String key, int count) {
        return key + ": " + count + (count == 1 ? " entry" : " entries");
    }
}
