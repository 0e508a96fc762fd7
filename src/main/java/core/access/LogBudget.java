package core.access;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * How often faults that clients cause (malformed requests, refused tokens, broken frames) may reach the log: a burst of
 * lines at once, then one per interval, so a flood of bad requests cannot flood the log. Counts the lines it held back
 * so the next line written can say how many. Thread-safe; never blocks beyond a short lock.
 */
public final class LogBudget {

    /** {@link #admit(long)}'s answer when the line must not be written. */
    public static final long HOLD = -1;

    private final TokenBucket bucket;
    private long held;

    public LogBudget(int burst, Duration interval, long now) {
        this.bucket = new TokenBucket(new RateLimit(1, interval, burst), now);
    }

    /** A budget of 5 lines at once, then one every 10 seconds. */
    public static LogBudget standard(long now) {
        return new LogBudget(5, Duration.ofSeconds(10), now);
    }

    /**
     * Whether a line may be written at {@code now} (monotonic nanos): {@link #HOLD} if not, else how many lines were
     * held back since the last one written.
     */
    public synchronized long admit(long now) {
        if (!bucket.take(now).allowed()) {
            held++;
            return HOLD;
        }
        long before = held;
        held = 0;
        return before;
    }

    /**
     * Hands {@code line} to {@code log} if the budget allows a line at {@code now} (monotonic nanos), saying how many
     * were held back before it; else only counts it.
     */
    public void write(long now, String line, Consumer<String> log) {
        long held = admit(now);
        if (held != HOLD) {
            log.accept(line + note(held));
        }
    }

    /** What to append to a line written after {@code held} were held back: nothing, or how many. */
    public static String note(long held) {
        return held > 0 ? " (" + held + " more like this not logged)" : "";
    }
}
