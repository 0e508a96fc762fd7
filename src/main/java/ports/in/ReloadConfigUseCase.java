package ports.in;

import core.settings.ReloadOutcome;

/**
 * Reads the configuration again and applies what changed, all of it or nothing. Blocking (reads files): call it off
 * the event loop. Reloads run one at a time; a bad configuration is an outcome, never an exception.
 */
public interface ReloadConfigUseCase {

    /** {@code trigger}: what asked for the reload, for logs (for example {@code SIGHUP}). */
    ReloadOutcome reload(String trigger);
}
