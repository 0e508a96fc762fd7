package ports.out;

import java.util.List;

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

    /**
     * The settings last {@link #read} are in place in core: the source puts in place what belongs to adapters (never
     * failing: it was checked by {@link #read}), and compares later reads with them. Returns what it changed, as
     * {@code key=value}.
     */
    List<String> applied();
}
