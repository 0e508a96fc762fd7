package core.settings;

import java.util.List;
import java.util.Objects;

/**
 * What one reload did. {@code trigger}: what asked for it (a file change, SIGHUP, the admin API); {@code changes}:
 * what was applied ({@code +node}, {@code -node}, {@code ~node}, {@code api_keys}, {@code load_balancer=...});
 * {@code problem}: why nothing was applied, for {@link Result#INVALID} and {@link Result#REFUSED}.
 */
public record ReloadOutcome(Result result, String trigger, List<String> changes, String problem) {

    /** How a reload ended. */
    public enum Result {
        /** Something changed and is in place. */
        APPLIED,
        /** The configuration says what is running already. */
        UNCHANGED,
        /** The configuration is not valid: nothing changed. */
        INVALID,
        /** Valid, but it changes what needs a restart or contradicts the running fleet: nothing changed. */
        REFUSED
    }

    public ReloadOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(trigger, "trigger");
        changes = List.copyOf(changes);
    }

    static ReloadOutcome refused(Result result, String trigger, String problem) {
        return new ReloadOutcome(result, trigger, List.of(), problem);
    }

    /** Whether nothing was applied because of a problem. */
    public boolean failed() {
        return result == Result.INVALID || result == Result.REFUSED;
    }
}
