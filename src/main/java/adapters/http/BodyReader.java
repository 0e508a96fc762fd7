package adapters.http;

import java.time.Duration;
import java.util.function.Consumer;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

import core.MalformedRequestException;
import core.routing.Header;

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
        if (declared > 0 || request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            return true;
        }
        HttpMethod method = request.method();
        return request.version() == HttpVersion.HTTP_2 && !request.isEnded() && method != HttpMethod.GET
                && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS;
    }

    /**
     * Reads a body whose declared length ({@link #declaredLength}) is {@code declared}; fails at once, before reading,
     * when that is over {@code limit}. A body beyond {@link BodyBudget#FREE} is read only once {@code budget} grants it
     * room, its client paused until then, and into a file of {@code files}; {@code holdUntilEnd} gets the claim, to be
     * released when the request ends (it is released here already when the read fails).
     */
    static Future<Buffer> read(HttpServerRequest request, long declared, Limit limit, BodyBudget budget,
            BodyFiles files, Consumer<BodyBudget.Claim> holdUntilEnd) {
        if (declared > limit.bytes()) {
            return Future.failedFuture(new BodyTooLargeException(limit.bytes(), limit.what()));
        }
        return new Read(request, declared, limit, budget, files, holdUntilEnd).start();
    }

    /** A route's body limit, the setting that names it, and how long a client may go silent while sending. */
    record Limit(long bytes, String what, Duration timeout) {
    }

    /** One body being read. Event loop. */
    private static final class Read {

        private final HttpServerRequest request;
        private final long declared;
        private final Limit limit;
        private final BodyBudget budget;
        private final BodyFiles files;
        private final Consumer<BodyBudget.Claim> holdUntilEnd;
        private final Promise<Buffer> promise = Promise.promise();
        private final Context context = Vertx.currentContext();
        private GatheredBody body;
        private BodyBudget.Claim claim;
        private boolean claimed;
        private IdleWatch idle;

        Read(HttpServerRequest request, long declared, Limit limit, BodyBudget budget, BodyFiles files,
                Consumer<BodyBudget.Claim> holdUntilEnd) {
            this.request = request;
            this.declared = declared;
            this.limit = limit;
            this.budget = budget;
            this.files = files;
            this.holdUntilEnd = holdUntilEnd;
        }

        Future<Buffer> start() {
            idle = new IdleWatch(context.owner(), context, limit.timeout(), this::idle);
            request.handler(this::chunk);
            request.endHandler(v -> {
                if (!promise.future().isComplete()) {
                    if (claim != null) {
                        claim.shrink(body.length());
                    }
                    // tried, not forced: a write that failed meanwhile has already failed the read
                    body.whole().onComplete(whole -> {
                        if (whole.succeeded()) {
                            promise.tryComplete(whole.result());
                        } else {
                            promise.tryFail(whole.cause());
                        }
                    });
                }
            });
            request.exceptionHandler(error -> promise.tryFail(gone(error)
                    ? new ClientGoneException(error)
                    : new MalformedRequestException("the request body is malformed: " + error.getMessage())));
            if (declared > BodyBudget.FREE) {
                request.pause(); // until there is room and somewhere to put it
                claim(declared, () -> gatherLarge(null, null));
            } else {
                body = declared > 0 ? new GatheredBody.Exact(declared) : new GatheredBody.Chunks();
                request.resume();
            }
            idle.watch(); // after the body was asked for, so that a body already here is read first
            return promise.future().onComplete(ar -> {
                idle.stop();
                if (body != null) {
                    body.release();
                }
                if (ar.failed() && claim != null) {
                    claim.release();
                }
            });
        }

        private void chunk(Buffer chunk) {
            if (promise.future().isComplete()) {
                return;
            }
            idle.touch();
            long length = body.length() + (long) chunk.length();
            if (length > limit.bytes()) {
                promise.tryFail(new BodyTooLargeException(limit.bytes(), limit.what()));
            } else if (declared > 0 && length > declared) {
                promise.tryFail(new MalformedRequestException("the request body is longer than its Content-Length"));
            } else if (length > BodyBudget.FREE && !claimed) {
                // Of unknown length and past what every request may hold: wait for room for the route's whole limit.
                request.pause();
                claim(limit.bytes(), () -> gatherLarge((GatheredBody.Chunks) body, chunk));
            } else {
                body.add(chunk);
            }
        }

        private void claim(long bytes, Runnable then) {
            claimed = true; // before asking: a grant with room runs at once, and may resume the request right away
            claim = budget.claim(bytes, context, () -> {
                if (!promise.future().isComplete()) {
                    idle.touch();
                    then.run();
                }
            });
            holdUntilEnd.accept(claim);
        }

        /**
         * Once a large body has room: moves what was read so far ({@code first} and the {@code chunk} that passed
         * {@link BodyBudget#FREE}, for a body of unknown length) where large bodies are gathered, and reads on.
         */
        private void gatherLarge(GatheredBody.Chunks first, Buffer chunk) {
            files.open(context.owner(), request, promise::tryFail).onComplete(opened -> {
                if (opened.failed()) {
                    promise.tryFail(opened.cause());
                    return;
                }
                if (promise.future().isComplete()) { // the client left or went silent meanwhile
                    opened.result().release();
                    return;
                }
                GatheredBody large = opened.result();
                body = large; // from here the end of the read releases it, whatever the end
                try {
                    if (first != null) {
                        large.add(first.bytes());
                        large.add(chunk);
                    }
                } catch (OutOfMemoryError e) {
                    promise.tryFail(new BodyMemoryFullException("no direct memory left for a request body ("
                            + e.getMessage() + "); keep server.body_memory below -XX:MaxDirectMemorySize"));
                    return;
                } finally {
                    if (first != null) {
                        first.release();
                    }
                }
                idle.touch();
                request.resume();
            });
        }

        private void idle() {
            promise.tryFail(claim != null && !claim.granted()
                    ? new BodyMemoryFullException(limit.timeout())
                    : new BodyTimeoutException(limit.timeout()));
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

    static long declaredLength(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return header == null ? 0 : Math.max(0, Header.length(header));
    }
}
