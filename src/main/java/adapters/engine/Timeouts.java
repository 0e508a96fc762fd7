package adapters.engine;

import java.time.Duration;

import adapters.config.ConfigChecks;

/**
 * The engine's limits towards nodes: connect, until the first byte, between two chunks, and (when not zero) for the
 * whole exchange from the request being sent to the answer's last byte.
 */
record Timeouts(Duration connect, Duration firstByte, Duration idle, Duration total) {

    Timeouts {
        ConfigChecks.positive("proxy.connect_timeout", connect);
        ConfigChecks.positive("proxy.first_byte_timeout", firstByte);
        ConfigChecks.positive("proxy.idle_timeout", idle);
        if (total.isNegative()) {
            throw new adapters.config.InvalidConfigException("proxy.total_timeout", total, "must not be negative");
        }
    }

    boolean hasTotal() {
        return !total.isZero();
    }

}
