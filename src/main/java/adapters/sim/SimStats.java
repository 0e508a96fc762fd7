package adapters.sim;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.json.JsonObject;

/** What a simulated node has seen, for tests and {@code GET /_sim/stats}. Thread-safe. */
public final class SimStats {

    private final AtomicLong inferenceRequests = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong disconnects = new AtomicLong();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicLong loads = new AtomicLong();
    private final AtomicLong evictions = new AtomicLong();
    private final AtomicLong promptTokens = new AtomicLong();
    private final AtomicLong promptEvaluated = new AtomicLong();
    private final AtomicLong promptNanos = new AtomicLong();

    /** Inference requests received (native and /v1). */
    public long inferenceRequests() {
        return inferenceRequests.get();
    }

    /** Answers sent to the end. */
    public long completed() {
        return completed.get();
    }

    /** Answers abandoned because the client closed the connection before the end. */
    public long disconnects() {
        return disconnects.get();
    }

    /** Inference requests in progress now (queued, loading or generating). */
    public int active() {
        return active.get();
    }

    /** The most inference requests in progress at once since the start or {@link #resetPeak()}. */
    public int peak() {
        return peak.get();
    }

    /** Cold loads started: a model that was not in memory was loaded for a request. */
    public long loads() {
        return loads.get();
    }

    /** Idle models unloaded to make room for another one ({@code max_loaded}). */
    public long evictions() {
        return evictions.get();
    }

    /** Prompt tokens received, cached or not. */
    public long promptTokens() {
        return promptTokens.get();
    }

    /** Prompt tokens evaluated: those no slot had cached. */
    public long promptEvaluated() {
        return promptEvaluated.get();
    }

    /** Time charged for evaluating prompts ({@code --prompt-token-us} per evaluated token). */
    public long promptNanos() {
        return promptNanos.get();
    }

    void promptEvaluated(int tokens, int evaluated, long nanos) {
        promptTokens.addAndGet(tokens);
        promptEvaluated.addAndGet(evaluated);
        promptNanos.addAndGet(nanos);
    }

    void loaded() {
        loads.incrementAndGet();
    }

    void evicted() {
        evictions.incrementAndGet();
    }

    public void resetPeak() {
        peak.set(active.get());
    }

    void started() {
        inferenceRequests.incrementAndGet();
        int now = active.incrementAndGet();
        peak.accumulateAndGet(now, Math::max);
    }

    void finished(boolean disconnected) {
        active.decrementAndGet();
        (disconnected ? disconnects : completed).incrementAndGet();
    }

    JsonObject toJson() {
        return new JsonObject().put("inference_requests", inferenceRequests()).put("completed", completed())
                .put("disconnects", disconnects()).put("active", active()).put("peak", peak())
                .put("loads", loads()).put("evictions", evictions()).put("prompt_tokens", promptTokens())
                .put("prompt_evaluated", promptEvaluated()).put("prompt_ms", promptNanos() / 1_000_000);
    }
}
