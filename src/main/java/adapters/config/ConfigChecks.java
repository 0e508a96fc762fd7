package adapters.config;

import java.time.Duration;

/** The range checks config.yaml values share; each failure names the key and the value in one line. */
public final class ConfigChecks {

    private ConfigChecks() {
    }

    public static Duration positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidConfigException(key, value, "must be a positive duration");
        }
        return value;
    }

    public static int nonNegative(String key, int value) {
        if (value < 0) {
            throw new InvalidConfigException(key, value, "must not be negative");
        }
        return value;
    }

    public static int atLeastOne(String key, int value) {
        if (value < 1) {
            throw new InvalidConfigException(key, value, "must be at least 1");
        }
        return value;
    }
}
