package adapters.sim;

import java.time.Duration;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

/**
 * One simulated generation from request to last token: waits for a slot (loading the model if cold), honours the
 * fault knobs, emits tokens with the node's pacing, and notices a client that leaves (stops at once, frees the slot,
 * counts a disconnect). Honours the client's backpressure and, with no pacing, yields its event loop every
 * {@value #BURST} tokens. Runs on the node's event loop.
 */
final class SimRun {

    /** Tokens written back to back before the node yields its event loop to other clients. */
    private static final int BURST = 256;

    private final Vertx vertx;
    private final SimNode node;
    private final HttpServerResponse response;
    private final SimModel model;
    private final SimAnswer answer;
    private final int count;
    private final boolean lengthLimited;
    private final String prompt;
    private final int promptTokens;
    private long promptNanos;
    private final long startNanos = System.nanoTime();
    private Runnable releaseSlot = () -> {
    };
    private long timer = -1;
    private long loadNanos;
    private long firstTokenNanos;
    private int index;
    private boolean finished;

    SimRun(Vertx vertx, SimNode node, HttpServerResponse response, SimModel model, Integer numPredict,
            String prompt, SimAnswer answer) {
        this.vertx = vertx;
        this.node = node;
        this.response = response;
        this.model = model;
        this.answer = answer;
        int tokens = node.settings().tokens();
        this.count = numPredict != null && numPredict >= 0 && numPredict < tokens ? numPredict : tokens;
        this.lengthLimited = count < tokens;
        this.prompt = prompt == null ? "" : prompt;
        this.promptTokens = Math.max(1, SimText.countTokens(prompt));
    }

    void start(Duration keepAlive) {
        node.stats().started();
        response.closeHandler(v -> abort());
        if (node.faults().hang()) {
            return;
        }
        releaseSlot = node.models().acquire(model, keepAlive, waited -> {
            loadNanos = waited;
            Duration delay = node.faults().firstByteDelay().plus(evaluatePrompt());
            if (delay.isZero()) {
                emit();
            } else {
                timer = vertx.setTimer(delay.toMillis(), id -> emit());
            }
        });
    }

    /**
     * What reading the prompt costs on this node: its tokens beyond the prefix the chosen slot had cached, at the
     * node's price per token (counted in the node's statistics).
     */
    private Duration evaluatePrompt() {
        if (node.settings().promptTokenMicros() == 0) {
            // Prompts are free: no cache to keep (a node with 1024 slots would scan them all for nothing).
            node.stats().promptEvaluated(promptTokens, promptTokens, 0);
            return Duration.ZERO;
        }
        PromptCache cache = node.models().prompts(model);
        int cached = 0;
        if (cache != null) {
            int slot = cache.take(prompt);
            cached = cache.cached(slot, prompt);
            Runnable release = releaseSlot;
            releaseSlot = () -> {
                cache.free(slot);
                release.run();
            };
        }
        int evaluated = prompt.isEmpty()
                ? promptTokens
                : (int) Math.ceil(promptTokens * (double) (prompt.length() - cached) / prompt.length());
        promptNanos = evaluated * 1000L * node.settings().promptTokenMicros();
        node.stats().promptEvaluated(promptTokens, evaluated, promptNanos);
        return Duration.ofNanos(promptNanos);
    }

    private void emit() {
        if (finished) {
            return;
        }
        if (index == 0) {
            firstTokenNanos = System.nanoTime();
        }
        Duration delay = node.settings().tokenDelay();
        int burst = 0;
        while (index < count) {
            if (response.writeQueueFull()) {
                response.drainHandler(v -> emit());
                return;
            }
            if (++burst > BURST) {
                // A timer, not runOnContext: Netty runs queued tasks in batches, so a task that re-queues itself
                // would still starve the sockets of other clients.
                timer = vertx.setTimer(1, id -> emit());
                return;
            }
            answer.piece(SimText.token(node.settings().name(), index), thinking(index));
            index++;
            int cut = node.faults().cutAfterChunks();
            if (cut >= 0 && index >= cut) {
                cut();
                return;
            }
            if (!delay.isZero() && index < count) {
                timer = vertx.setTimer(delay.toMillis(), id -> emit());
                return;
            }
        }
        finish();
    }

    private boolean thinking(int i) {
        return model.can("thinking") && i < 2 && count > 2;
    }

    private void finish() {
        finished = true;
        long now = System.nanoTime();
        releaseSlot.run();
        node.stats().finished(false);
        answer.finish(lengthLimited ? "length" : "stop", new SimAnswer.SimMetrics(now - startNanos,
                Math.max(loadNanos, 1000), promptTokens, Math.max(promptNanos, 1000),
                count, Math.max(now - firstTokenNanos, 1000)));
    }

    private void cut() {
        finished = true;
        releaseSlot.run();
        node.stats().finished(true);
        response.reset();
    }

    private void abort() {
        if (finished) {
            return;
        }
        finished = true;
        vertx.cancelTimer(timer);
        releaseSlot.run();
        node.stats().finished(true);
    }
}
