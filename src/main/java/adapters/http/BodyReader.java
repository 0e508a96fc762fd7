package adapters.http;

import java.time.Duration;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Collects a request body up to a size; fails with {@link BodyTooLargeException} beyond the size and
 * {@link BodyTimeoutException} when the client sends nothing for the timeout. Event loop; no blocking.
 */
final class BodyReader {

    private BodyReader() {
    }

    static Future<Buffer> read(Vertx vertx, HttpServerRequest request, long limit, Duration timeout) {
        long declared = declaredLength(request);
        if (declared > limit) {
            discardRest(vertx, request, timeout);
            return Future.failedFuture(new BodyTooLargeException(limit));
        }
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer((int) Math.max(Math.min(declared, 1 << 20), 256));
        IdleWatch idle = new IdleWatch(vertx, timeout, () -> {
            if (!promise.future().isComplete()) {
                // The client stalls: once it has its 408 the connection goes, with whatever it still holds.
                request.response().endHandler(v -> request.connection().close());
                promise.tryFail(new BodyTimeoutException(timeout));
            }
        });
        request.handler(chunk -> {
            if (promise.future().isComplete()) {
                return;
            }
            idle.touch();
            if (body.length() + (long) chunk.length() > limit) {
                promise.tryFail(new BodyTooLargeException(limit));
                discardRest(vertx, request, timeout);
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(v -> promise.tryComplete(body));
        request.exceptionHandler(promise::tryFail);
        request.resume();
        return promise.future().onComplete(ar -> idle.stop());
    }

    /**
     * Fires when no chunk came for {@code timeout}: one timer per body, re-armed for the time left when it finds the
     * body moved, so a slow but steady upload is never cut and no timer is touched per chunk.
     */
    private static final class IdleWatch {

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

    /**
     * Reads and drops the rest of a refused body, so the client can finish sending and read its 413 (closing at once
     * could reset the connection before it does); a client still sending after {@code timeout} is disconnected.
     */
    private static void discardRest(Vertx vertx, HttpServerRequest request, Duration timeout) {
        request.handler(chunk -> {
        });
        request.resume();
        vertx.setTimer(Math.max(1, timeout.toMillis()), id -> {
            if (!request.isEnded()) {
                request.connection().close();
            }
        });
    }

    private static long declaredLength(HttpServerRequest request) {
        String header = request.getHeader("Content-Length");
        if (header == null) {
            return 0;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
