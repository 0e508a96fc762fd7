package adapters.sim;

import java.time.Duration;

import io.vertx.core.json.JsonObject;

/**
 * Faults a test (or {@code POST /_sim/faults}) can switch on at run time. They apply to inference routes
 * (native and {@code /v1}), except the pull's pace and failure, which apply to {@code /api/pull}; health routes keep
 * answering unless the whole node is stopped. Thread-safe.
 */
public final class SimFaults {

    private volatile int failStatus;
    private volatile boolean hang;
    private volatile int cutAfterChunks = -1;
    private volatile Duration firstByteDelay = Duration.ZERO;
    private volatile int busyBeyond;
    private volatile Duration pullTime = Duration.ZERO;
    private volatile int pullFailAt = -1;
    private volatile int pullStallAt = -1;

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

    /** A pull streams its layer's progress over this long (zero: at once). */
    public SimFaults slowPull(Duration time) {
        pullTime = time == null ? Duration.ZERO : time;
        return this;
    }

    /** A pull fails once its layer is this many percent done (0-99), with an error line; -1 turns it off. */
    public SimFaults failPullAt(int percent) {
        pullFailAt = percent;
        return this;
    }

    /** A pull falls silent, its connection open, once its layer is this many percent done; -1 turns it off. */
    public SimFaults stallPullAt(int percent) {
        pullStallAt = percent;
        return this;
    }

    public void reset() {
        failStatus = 0;
        hang = false;
        cutAfterChunks = -1;
        firstByteDelay = Duration.ZERO;
        busyBeyond = 0;
        pullTime = Duration.ZERO;
        pullFailAt = -1;
        pullStallAt = -1;
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

    Duration pullTime() {
        return pullTime;
    }

    int pullFailAt() {
        return pullFailAt;
    }

    int pullStallAt() {
        return pullStallAt;
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
        if (body.containsKey("pull_ms")) {
            slowPull(Duration.ofMillis(body.getLong("pull_ms")));
        }
        if (body.containsKey("pull_fail_at")) {
            failPullAt(body.getInteger("pull_fail_at"));
        }
        if (body.containsKey("pull_stall_at")) {
            stallPullAt(body.getInteger("pull_stall_at"));
        }
    }

    JsonObject toJson() {
        return new JsonObject().put("fail_status", failStatus).put("hang", hang)
                .put("cut_after_chunks", cutAfterChunks).put("first_byte_delay_ms", firstByteDelay.toMillis())
                .put("busy_beyond", busyBeyond).put("pull_ms", pullTime.toMillis()).put("pull_fail_at", pullFailAt)
                .put("pull_stall_at", pullStallAt);
    }
}
