package adapters.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.http.HttpServerRequest;

/** A request body as {@link BodyReader} gathers it; given back with {@link #release} once read. Event loop. */
sealed interface GatheredBody permits GatheredBody.Spilled, GatheredBody.OffHeap, GatheredBody.Exact,
        GatheredBody.Chunks {

    long length();

    void add(Buffer chunk);

    /** The whole body, on the heap, once every byte added is there to read. */
    Future<Buffer> whole();

    void release();

    /**
     * A body beyond {@link BodyBudget#FREE} written to a file of {@link BodyFiles} as it arrives: its bytes sit in the
     * kernel's page cache, not in the gateway's memory, until the body ends and the route gets one heap copy. The
     * client's upload is paused while the file's write queue is full. A write that fails (a full disk) is reported to
     * {@code failed} at once. The file is already out of its directory; {@link #release} closes it, and it is gone.
     */
    static final class Spilled implements GatheredBody {

        /** Bytes read back at a time: the runtime reads each piece into a buffer of its own before copying it. */
        private static final int READ = 1 << 20;

        private final AsyncFile file;
        private final HttpServerRequest request;
        private final Consumer<Throwable> failed;
        private long length;
        private int writing;
        private Throwable failure;
        private Promise<Buffer> reading;

        Spilled(AsyncFile file, HttpServerRequest request, Consumer<Throwable> failed) {
            this.file = file;
            this.failed = failed;
            file.drainHandler(v -> request.resume());
            file.exceptionHandler(this::fail);
            this.request = request;
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public void add(Buffer chunk) {
            length += chunk.length();
            writing++;
            Future<Void> written;
            try {
                written = file.write(chunk);
            } catch (RuntimeException e) { // the channel refused at once
                written = Future.failedFuture(e);
            }
            written.onComplete(done -> {
                writing--;
                if (done.failed()) {
                    fail(done.cause());
                }
                if (writing == 0 && reading != null) {
                    readBack();
                }
            });
            if (failure == null && file.writeQueueFull()) {
                request.pause();
            }
        }

        @Override
        public Future<Buffer> whole() {
            reading = Promise.promise();
            if (writing == 0) {
                readBack();
            }
            return reading.future();
        }

        private void readBack() {
            readBack(Buffer.buffer((int) length), 0);
        }

        /** Reads the file into {@code whole} from {@code at} on, a piece at a time, so no second copy is made. */
        private void readBack(Buffer whole, long at) {
            if (failure != null) {
                reading.tryFail(failure);
                return;
            }
            int n = (int) Math.min(READ, length - at);
            if (n == 0) {
                reading.complete(whole);
                return;
            }
            file.read(whole, (int) at, at, n).onComplete(read -> {
                if (read.failed()) {
                    fail(read.cause());
                    reading.tryFail(read.cause());
                } else {
                    readBack(whole, at + n);
                }
            });
        }

        private void fail(Throwable error) {
            if (failure == null) {
                failure = error;
                failed.accept(error);
            }
        }

        @Override
        public void release() {
            file.drainHandler(null);
            file.close();
        }
    }

    /**
     * A body beyond {@link BodyBudget#FREE} when {@link BodyFiles} has no directory to write to: gathered off the Java
     * heap, so that
     * the bodies held at once, a flood of uploads among them, neither grow the heap nor are copied by the collector; the
     * route gets one heap copy of a body read whole. Gathered in pieces of {@link #PIECE} from Netty's pooled
     * allocator, never in one buffer that grows: a growing buffer would be copied at every step and, past the pool's
     * chunk size, allocated and freed outside the pool each time, which the C allocator keeps as fragments. Given back
     * to the pool when the read ends, whatever its end.
     */
    static final class OffHeap implements GatheredBody {

        /** The size of each piece; pieces of this size come from the pool and go back to it. */
        static final int PIECE = 64 * 1024;

        private final List<ByteBuf> pieces = new ArrayList<>();
        private long length;

        @Override
        public long length() {
            return length;
        }

        @Override
        public void add(Buffer chunk) {
            ByteBuf bytes = chunk.getByteBuf();
            write(bytes, bytes.readerIndex(), bytes.readableBytes());
        }

        private void write(ByteBuf from, int index, int count) {
            int at = index;
            int left = count;
            while (left > 0) {
                ByteBuf last = pieces.isEmpty() ? null : pieces.get(pieces.size() - 1);
                if (last == null || !last.isWritable()) {
                    last = ByteBufAllocator.DEFAULT.directBuffer(PIECE, PIECE);
                    pieces.add(last);
                }
                int n = Math.min(left, last.writableBytes());
                last.writeBytes(from, at, n);
                at += n;
                left -= n;
                length += n;
            }
        }

        @Override
        public Future<Buffer> whole() {
            byte[] body = new byte[(int) length];
            int at = 0;
            for (ByteBuf piece : pieces) {
                int n = piece.readableBytes();
                piece.getBytes(piece.readerIndex(), body, at, n);
                at += n;
            }
            return Future.succeededFuture(Buffer.buffer(body));
        }

        @Override
        public void release() {
            pieces.forEach(ByteBuf::release);
            pieces.clear();
        }
    }

    /** A body of declared length up to {@link BodyBudget#FREE}: one heap buffer of that size, filled in place. */
    static final class Exact implements GatheredBody {

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
        public Future<Buffer> whole() {
            return Future.succeededFuture(buffer);
        }

        @Override
        public void release() {
        }
    }

    /**
     * A body of unknown length (chunked, HTTP/2) up to {@link BodyBudget#FREE}: chunks gathered as they come and copied
     * once, when the body ends or moves to a larger kind.
     */
    static final class Chunks implements GatheredBody {

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
        public Future<Buffer> whole() {
            return Future.succeededFuture(bytes());
        }

        /** One heap copy of what was gathered. */
        Buffer bytes() {
            byte[] body = new byte[chunks.readableBytes()];
            chunks.getBytes(chunks.readerIndex(), body);
            return Buffer.buffer(body);
        }

        @Override
        public void release() {
            chunks.release();
        }
    }
}
