package adapters.http;

import java.time.Duration;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Fires when no chunk came for {@code timeout}: one timer per body, re-armed for the time left when it finds the
 * body moved, so a slow but steady upload is never cut and no timer is touched per chunk. The timer is made only
 * when the body is still arriving on the event loop's turn after {@link #watch}: a small body comes with its head and
 * has been read by then, and making and cancelling a timer for each of those cost about 1% of the event loops' time.
 * The timeout counts from construction all the same. Confined to the event loop of {@code context}.
 */
final class IdleWatch {

    private final Context context;
    private final Vertx vertx;
    private final long timeoutNanos;
    private final Runnable onIdle;
    private long last = System.nanoTime();
    private long timer = -1;
    private boolean stopped;

    /** {@code vertx}: where the timer is made, {@code context.owner()} but in tests. */
    IdleWatch(Vertx vertx, Context context, Duration timeout, Runnable onIdle) {
        this.context = context;
        this.vertx = vertx;
        this.timeoutNanos = timeout.toNanos();
        this.onIdle = onIdle;
    }

    /** Starts watching, on the loop's next turn: call it once the body has been asked for. */
    void watch() {
        context.runOnContext(v -> {
            if (timer == -1) {
                check();
            }
        });
    }

    void touch() {
        last = System.nanoTime();
    }

    void stop() {
        stopped = true;
        if (timer != -1) {
            vertx.cancelTimer(timer);
        }
    }

    private void check() {
        if (stopped) {
            return;
        }
        long left = timeoutNanos - (System.nanoTime() - last);
        if (left > 0) {
            timer = vertx.setTimer(Math.max(1, left / 1_000_000), id -> check());
        } else {
            onIdle.run();
        }
    }
}
