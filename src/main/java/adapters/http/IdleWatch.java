package adapters.http;

import java.time.Duration;

import io.vertx.core.Vertx;

/**
 * Fires when no chunk came for {@code timeout}: one timer per body, re-armed for the time left when it finds the
 * body moved, so a slow but steady upload is never cut and no timer is touched per chunk.
 */
final class IdleWatch {

    private final Vertx vertx;
    private final long timeoutNanos;
    private final Runnable onIdle;
    private long last = System.nanoTime();
    private long timer;

    IdleWatch(Vertx vertx, Duration timeout, Runnable onIdle) {
        this.vertx = vertx;
        this.timeoutNanos = timeout.toNanos();
        this.onIdle = onIdle;
        arm(timeoutNanos);
    }

    void touch() {
        last = System.nanoTime();
    }

    void stop() {
        vertx.cancelTimer(timer);
    }

    private void arm(long nanos) {
        timer = vertx.setTimer(Math.max(1, nanos / 1_000_000), id -> {
            long left = timeoutNanos - (System.nanoTime() - last);
            if (left > 0) {
                arm(left);
            } else {
                onIdle.run();
            }
        });
    }
}
