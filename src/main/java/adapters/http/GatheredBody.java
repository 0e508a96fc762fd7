package adapters.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

/** A request body as {@link BodyReader} gathers it; given back with {@link #release} once read. Event loop. */
sealed interface GatheredBody permits GatheredBody.OffHeap, GatheredBody.Exact, GatheredBody.Chunks {

    long length();

    void add(Buffer chunk);

    Buffer whole();

    void release();

    /**
     * A body beyond {@link BodyBudget#FREE}, which {@link BodyBudget} has room for: gathered off the Java heap, so that
     * the bodies held at once, a flood of uploads among them, neither grow the heap nor are copied by the collector; the
     * route gets one heap copy of a body read whole. Given back to the allocator when the read ends, whatever its end.
     */
    static final class OffHeap implements GatheredBody {

        private final ByteBuf store;

        OffHeap(long initial, long max) {
            store = ByteBufAllocator.DEFAULT.directBuffer((int) initial, (int) max);
        }

        @Override
        public long length() {
            return store.readableBytes();
        }

        @Override
        public void add(Buffer chunk) {
            store.writeBytes(chunk.getByteBuf());
        }

        /** Takes over what {@code first} gathered on the heap, without copying it there once more, and releases it. */
        void takeOver(Chunks first) {
            store.writeBytes(first.chunks);
            first.release();
        }

        @Override
        public Buffer whole() {
            byte[] body = new byte[store.readableBytes()];
            store.getBytes(store.readerIndex(), body);
            return Buffer.buffer(body);
        }

        @Override
        public void release() {
            store.release();
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
        public Buffer whole() {
            return buffer;
        }

        @Override
        public void release() {
        }
    }

    /**
     * A body of unknown length (chunked, HTTP/2) up to {@link BodyBudget#FREE}: chunks gathered as they come and copied
     * once, when the body ends or moves {@link OffHeap}.
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
}
