package adapters.http;

import java.time.Duration;

import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

import core.MalformedRequestException;

/**
 * The one reader of request bodies: collects a body up to a limit, checked against {@code Content-Length} before
 * reading and on every chunk while reading (chunked or not), so no body is ever held beyond its limit. Fails with
 * {@link BodyTooLargeException} beyond the limit, {@link BodyTimeoutException} when the client sends nothing for the
 * timeout, and {@link MalformedRequestException} when the body's framing is broken. Event loop; never blocks.
 */
final class BodyReader {

    /** Most bytes read and dropped after a refusal before the connection is closed. */
    static final long LINGER_BYTES = 1L << 20;

    /** A failure for a client that left while sending; nothing is answered. */
    static final class ClientGoneException extends RuntimeException {

        ClientGoneException(Throwable cause) {
            super("the client closed the connection while sending its body", cause, false, false);
        }
    }

    private BodyReader() {
    }

    /**
     * Whether the request has a body to read: a declared length above zero, chunked, or (HTTP/2, where neither need be
     * said) a stream still open on a method that carries a body.
     */
    static boolean hasBody(HttpServerRequest request, long declared) {
        if (declared > 0 || request.headers().contains("Transfer-Encoding")) {
            return true;
        }
        HttpMethod method = request.method();
        return request.version() == HttpVersion.HTTP_2 && !request.isEnded() && method != HttpMethod.GET
                && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS;
    }

    /**
     * Reads a body whose declared length ({@link #declaredLength}) is {@code declared}; fails at once, before reading,
     * when that is over {@code limit}.
     */
    static Future<Buffer> read(Vertx vertx, HttpServerRequest request, long declared, long limit, String what,
            Duration timeout) {
        if (declared > limit) {
            return Future.failedFuture(new BodyTooLargeException(limit, what));
        }
        Promise<Buffer> promise = Promise.promise();
        Gathered body = declared > 0 ? new Exact(declared) : new Chunks();
        IdleWatch idle = new IdleWatch(vertx, timeout, () -> promise.tryFail(new BodyTimeoutException(timeout)));
        request.handler(chunk -> {
            if (promise.future().isComplete()) {
                return;
            }
            idle.touch();
            if (body.length() + (long) chunk.length() > limit) {
                promise.tryFail(new BodyTooLargeException(limit, what));
            } else {
                body.add(chunk);
            }
        });
        request.endHandler(v -> {
            if (!promise.future().isComplete()) {
                promise.complete(body.whole());
            }
        });
        request.exceptionHandler(error -> promise.tryFail(gone(error)
                ? new ClientGoneException(error)
                : new MalformedRequestException("the request body is malformed: " + error.getMessage())));
        request.resume();
        return promise.future().onComplete(ar -> {
            idle.stop();
            body.release();
        });
    }

    /** A body as it arrives. */
    private interface Gathered {

        long length();

        void add(Buffer chunk);

        Buffer whole();

        void release();
    }

    /** A body of declared length: one buffer of that size, filled in place. */
    private static final class Exact implements Gathered {

        private final Buffer buffer;

        Exact(long declared) {
            buffer = Buffer.buffer((int) declared);
        }

        @Override
        public long length() {
            return buffer.length();
        }

        @Override
        public void add(Buffer chunk) {
            buffer.appendBuffer(chunk);
        }

        @Override
        public Buffer whole() {
            return buffer;
        }

        @Override
        public void release() {
        }
    }

    /**
     * A body of unknown length (chunked, HTTP/2): chunks gathered as they come and copied once at the end. A growing
     * buffer would copy the body again at every step and leave large arrays behind, which a flood of bodies turns into
     * heap growth.
     */
    private static final class Chunks implements Gathered {

        private final CompositeByteBuf chunks = Unpooled.compositeBuffer(Integer.MAX_VALUE);

        @Override
        public long length() {
            return chunks.readableBytes();
        }

        @Override
        public void add(Buffer chunk) {
            chunks.addComponent(true, chunk.getByteBuf());
        }

        @Override
        public Buffer whole() {
            byte[] body = new byte[chunks.readableBytes()];
            chunks.getBytes(chunks.readerIndex(), body);
            return Buffer.buffer(body);
        }

        @Override
        public void release() {
            chunks.release();
        }
    }

    /**
     * After a refusal, reads and drops what the client still sends, so it can finish and read its answer (closing at
     * once could reset the connection before it does), then closes, since the answer said {@code Connection: close}.
     * Like nginx's lingering close, but bounded by bytes as well as time: at most {@link #LINGER_BYTES} more are read,
     * for at most {@code timeout}; a client still sending after either is disconnected.
     */
    static void linger(Vertx vertx, HttpServerRequest request, Duration timeout) {
        if (request.isEnded()) {
            return;
        }
        // HTTP/2 multiplexes: end this stream, never the connection other requests share.
        Runnable close = request.version() == HttpVersion.HTTP_2
                ? () -> request.response().reset()
                : () -> request.connection().close();
        long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> close.run());
        long[] dropped = {0};
        request.handler(chunk -> {
            dropped[0] += chunk.length();
            if (dropped[0] > LINGER_BYTES) {
                vertx.cancelTimer(timer);
                close.run();
            }
        });
        request.exceptionHandler(error -> vertx.cancelTimer(timer));
        request.endHandler(v -> {
            vertx.cancelTimer(timer);
            if (request.version() != HttpVersion.HTTP_2) {
                close.run();
            }
        });
        request.resume();
    }

    private static boolean gone(Throwable error) {
        return error instanceof HttpClosedException || error instanceof VertxException
                && "Connection was closed".equals(error.getMessage());
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

    static long declaredLength(HttpServerRequest request) {
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
