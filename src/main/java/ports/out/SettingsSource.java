package ports.out;

import core.settings.Settings;

/**
 * Where the running settings come from (config.yaml). Blocking; called by one reload at a time.
 */
public interface SettingsSource {

    /**
     * The settings as the configuration now says, checked as at startup. Throws
     * {@link core.settings.InvalidSettingsException} naming the key when it is not valid, and
     * {@link core.settings.RestartRequiredException} when it changes settings that only a restart applies.
     */
    Settings read();

    /** The settings last {@link #read} are now in place: later reads are compared with them. */
    void applied();
}
