package adapters.sim;

import java.time.Duration;

import io.vertx.core.json.JsonObject;

/**
 * Faults a test (or {@code POST /_sim/faults}) can switch on at run time. They apply to inference routes
 * (native and {@code /v1}); health routes keep answering unless the whole node is stopped. Thread-safe.
 */
public final class SimFaults {

    private volatile int failStatus;
    private volatile boolean hang;
    private volatile int cutAfterChunks = -1;
    private volatile Duration firstByteDelay = Duration.ZERO;
    private volatile int busyBeyond;

    /** Answer every inference request with this status and an Ollama error body (0 turns it off). */
    public SimFaults failWith(int status) {
        failStatus = status;
        return this;
    }

    /** Accept inference requests and never answer them. */
    public SimFaults hang(boolean on) {
        hang = on;
        return this;
    }

    /** Send this many lines of a streamed answer, then drop the connection (-1 turns it off). */
    public SimFaults cutAfter(int chunks) {
        cutAfterChunks = chunks;
        return this;
    }

    /** Wait this long before the first byte of each answer, after any model load. */
    public SimFaults slowFirstByte(Duration delay) {
        firstByteDelay = delay == null ? Duration.ZERO : delay;
        return this;
    }

    /** Answer 503 "server busy" when more than this many inference requests are in progress (0 turns it off). */
    public SimFaults busyBeyond(int requests) {
        busyBeyond = requests;
        return this;
    }

    public void reset() {
        failStatus = 0;
        hang = false;
        cutAfterChunks = -1;
        firstByteDelay = Duration.ZERO;
        busyBeyond = 0;
    }

    int failStatus() {
        return failStatus;
    }

    boolean hang() {
        return hang;
    }

    int cutAfterChunks() {
        return cutAfterChunks;
    }

    Duration firstByteDelay() {
        return firstByteDelay;
    }

    int busyBeyond() {
        return busyBeyond;
    }

    /** Applies the fields present in a {@code /_sim/faults} body. */
    void apply(JsonObject body) {
        if (body.containsKey("fail_status")) {
            failWith(body.getInteger("fail_status"));
        }
        if (body.containsKey("hang")) {
            hang(body.getBoolean("hang"));
        }
        if (body.containsKey("cut_after_chunks")) {
            cutAfter(body.getInteger("cut_after_chunks"));
        }
        if (body.containsKey("first_byte_delay_ms")) {
            slowFirstByte(Duration.ofMillis(body.getLong("first_byte_delay_ms")));
        }
        if (body.containsKey("busy_beyond")) {
            busyBeyond(body.getInteger("busy_beyond"));
        }
    }

    JsonObject toJson() {
        return new JsonObject().put("fail_status", failStatus).put("hang", hang)
                .put("cut_after_chunks", cutAfterChunks).put("first_byte_delay_ms", firstByteDelay.toMillis())
                .put("busy_beyond", busyBeyond);
    }
}
