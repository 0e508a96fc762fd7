package ports.out;

import core.settings.ReloadOutcome;

/** Told of every reload's outcome once, on the reloading thread (logs, metrics). Must not throw. */
public interface ReloadObserver {

    void reloaded(ReloadOutcome outcome);
}
