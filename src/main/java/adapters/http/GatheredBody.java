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
     * route gets one heap copy of a body read whole. Gathered in pieces of {@link #PIECE} from Netty's pooled
     * allocator, never in one buffer that grows: a growing buffer would be copied at every step and, past the pool's
     * chunk size, allocated and freed outside the pool each time, which the C allocator keeps as fragments. Given back
     * to the pool when the read ends, whatever its end.
     */
    static final class OffHeap implements GatheredBody {

        /** The size of each piece; pieces of this size come from the pool and go back to it. */
        static final int PIECE = 64 * 1024;

        private final java.util.List<ByteBuf> pieces = new java.util.ArrayList<>();
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

        /** Takes over what {@code first} gathered on the heap, without copying it there once more, and releases it. */
        void takeOver(Chunks first) {
            write(first.chunks, first.chunks.readerIndex(), first.chunks.readableBytes());
            first.release();
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
        public Buffer whole() {
            byte[] body = new byte[(int) length];
            int at = 0;
            for (ByteBuf piece : pieces) {
                int n = piece.readableBytes();
                piece.getBytes(piece.readerIndex(), body, at, n);
                at += n;
            }
            return Buffer.buffer(body);
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
