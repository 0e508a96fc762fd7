package core;

import java.time.Duration;
import java.time.Instant;

/** The core's clock, moved by hand in tests; starts at the system's time. Thread-safe. */
public class TestClock extends Ticker {

    private volatile Instant now = Instant.now();
    private volatile long nanos = System.nanoTime();

    /** Moves wall time and monotonic time forward together. */
    public synchronized void advance(Duration by) {
        now = now.plus(by);
        nanos += by.toNanos();
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
