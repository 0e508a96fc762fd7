package core.fleet;

import java.time.Duration;

/**
 * Figures learned from one model's answers on one node, each a moving average that weighs the latest answer by a
 * fifth, so one odd answer moves it little and a change of hardware shows within a few: load time (from answers that
 * paid a load), time a request holds a slot, generated tokens per second. Null or -1 until the first sample.
 * Updates are serialised; reads are lock-free.
 */
final class LearnedFigures {

    private static final double WEIGHT = 0.2;
    private volatile double loadMillis = -1;
    private volatile double slotMillis = -1;
    private volatile double tokensPerSecond = -1;

    /** One answer's figures; a negative value is not known and leaves its average alone. */
    synchronized void learn(long load, long slot, double rate) {
        if (load >= 0) {
            loadMillis = average(loadMillis, load);
        }
        if (slot >= 0) {
            slotMillis = average(slotMillis, slot);
        }
        if (rate > 0) {
            tokensPerSecond = average(tokensPerSecond, rate);
        }
    }

    Duration load() {
        double value = loadMillis;
        return value < 0 ? null : Duration.ofMillis(Math.round(value));
    }

    Duration slot() {
        double value = slotMillis;
        return value < 0 ? null : Duration.ofMillis(Math.round(value));
    }

    /** Rounded to a tenth; -1 when unknown. */
    double tokensPerSecond() {
        double value = tokensPerSecond;
        return value < 0 ? -1 : Math.round(value * 10) / 10.0;
    }

    private static double average(double current, double sample) {
        return current < 0 ? sample : current + WEIGHT * (sample - current);
    }
}
