package core;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The one clock of the core: wall time (a {@link Clock}, for expiries and timestamps) and monotonic nanoseconds (for
 * deadlines and ages, which must not jump with the wall clock). Injected everywhere time is read, so a test can move
 * both by hand.
 */
public abstract class Ticker extends Clock {

    private static final Ticker SYSTEM = new Ticker() {

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Instant instant() {
            return Instant.now();
        }
    };

    /** The machine's clocks. */
    public static Ticker system() {
        return SYSTEM;
    }

    /** Monotonic nanoseconds: only differences between two readings mean anything. */
    public abstract long nanoTime();

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
