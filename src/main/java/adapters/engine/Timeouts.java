package adapters.engine;

import java.time.Duration;

/** The engine's limits towards nodes: connect, until the first byte, and between two chunks. */
record Timeouts(Duration connect, Duration firstByte, Duration idle) {

    Timeouts {
        requirePositive("proxy.connect_timeout", connect);
        requirePositive("proxy.first_byte_timeout", firstByte);
        requirePositive("proxy.idle_timeout", idle);
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new adapters.config.InvalidConfigException(key, value, "must be a positive duration");
        }
    }
}
