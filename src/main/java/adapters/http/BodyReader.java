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
            return Future.failedFuture(new BodyTooLargeException(limit));
        }
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer((int) Math.max(Math.min(declared, 1 << 20), 256));
        long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> {
            if (promise.tryFail(new BodyTimeoutException(timeout))) {
                request.pause();
            }
        });
        request.handler(chunk -> {
            if (body.length() + (long) chunk.length() > limit) {
                promise.tryFail(new BodyTooLargeException(limit));
                request.pause();
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(v -> promise.tryComplete(body));
        request.exceptionHandler(promise::tryFail);
        request.resume();
        return promise.future().onComplete(ar -> vertx.cancelTimer(timer));
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
