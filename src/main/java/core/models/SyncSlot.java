package core.models;

import java.time.Instant;

/** One wanted model on one node, as {@link ModelSync} tracks it: changed under its lock; the pull writes the bytes. */
final class SyncSlot {

    volatile SyncState state = SyncState.WAITING;
    volatile boolean running;
    volatile long completed;
    volatile long total;
    volatile int attempts;
    volatile String lastError;
    volatile Instant nextTry = Instant.MIN;
    volatile boolean pulledByDrover;

    void begin() {
        running = true;
        state = SyncState.RUNNING;
        completed = 0;
        total = 0;
    }

    void present() {
        state = SyncState.PRESENT;
        attempts = 0;
        lastError = null;
        nextTry = Instant.MIN;
    }
}
