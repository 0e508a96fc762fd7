package adapters.http;

import java.time.Duration;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Collects a request body up to a size and within a time; fails with {@link BodyTooLargeException} beyond the size and
 * {@link BodyTimeoutException} when the client stalls. Event loop; no blocking.
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
        long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> {
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
        return promise.future().onComplete(ar -> vertx.cancelTimer(timer));
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
