package ports.out;

import java.time.Duration;
import java.time.Instant;

/**
 * Hears what the model sync did, for logs. Called on any thread; must not block. {@code kind} is {@code required}
 * (a pull) or {@code preload} (a load).
 */
public interface ModelSyncObserver {

    void started(String node, String model, String kind);

    void done(String node, String model, String kind, Duration took);

    void failed(String node, String model, String kind, String reason, int attempts, Instant nextTry);
}
