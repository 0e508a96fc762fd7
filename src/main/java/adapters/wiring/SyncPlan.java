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
            changes.add("models.required: " + next.required().size() + " entr" + (next.required().size() == 1
                    ? "y"
                    : "ies"));
        }
        if (!before.preload().equals(next.preload())) {
            changes.add("models.preload: " + next.preload().size() + " entr" + (next.preload().size() == 1
                    ? "y"
                    : "ies"));
        }
        if (!before.interval().equals(next.interval()) || before.pullsPerNode() != next.pullsPerNode()
                || !before.maxBackoff().equals(next.maxBackoff())) {
            changes.add("models.sync");
        }
        plan = next;
        return changes;
    }
}
