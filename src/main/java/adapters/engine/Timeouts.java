package adapters.engine;

import java.time.Duration;

import adapters.config.ConfigChecks;

/** The engine's limits towards nodes: connect, until the first byte, and between two chunks. */
record Timeouts(Duration connect, Duration firstByte, Duration idle) {

    Timeouts {
        ConfigChecks.positive("proxy.connect_timeout", connect);
        ConfigChecks.positive("proxy.first_byte_timeout", firstByte);
        ConfigChecks.positive("proxy.idle_timeout", idle);
    }

}
