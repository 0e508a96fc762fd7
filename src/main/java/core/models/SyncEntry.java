package core.models;

import java.time.Instant;

/**
 * One wanted model on one node as the sync sees it: {@code kind} is {@code required} or {@code preload};
 * {@code completed}/{@code total} the bytes of a pull under way; {@code attempts} the failed attempts in a row;
 * {@code pulledByDrover} whether Drover put the model there.
 */
public record SyncEntry(String node, String model, String kind, SyncState state, long completed, long total,
        int attempts, String lastError, Instant nextTry, boolean pulledByDrover) {
}
