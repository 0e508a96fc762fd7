package adapters.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An answer's body with the node's name for the model replaced by the client's, wherever the JSON says
 * {@code "model":"<node's>"} (or with a space after the colon, as Python servers write it): a client that asked for an
 * alias reads its alias back. Chunk for chunk, each as it arrives; only the bytes of a match cut by a chunk's end wait
 * for the next chunk. One subscriber; signals are passed on the thread that delivers them.
 */
final class ModelRename implements Flow.Publisher<ByteBuffer> {

    /** The length of {@code "model"}, quotes included: what every pattern begins with. */
    private static final int MODEL_KEY = 7;

    private final Flow.Publisher<ByteBuffer> body;
    private final byte[][] from;
    private final byte[][] to;

    ModelRename(Flow.Publisher<ByteBuffer> body, String nodeName, String clientName) {
        this.body = body;
        this.from = patterns(nodeName);
        this.to = patterns(clientName);
    }

    private static byte[][] patterns(String name) {
        String quoted = Dialect.quote(name);
        return new byte[][]{("\"model\":" + quoted).getBytes(StandardCharsets.UTF_8),
                ("\"model\": " + quoted).getBytes(StandardCharsets.UTF_8)};
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        body.subscribe(new Renaming(subscriber));
    }

    /** Between the node's body and the client's writer. */
    private final class Renaming implements Flow.Subscriber<ByteBuffer>, Flow.Subscription {

        private final Flow.Subscriber<? super ByteBuffer> downstream;
        private Flow.Subscription upstream;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicBoolean flushed = new AtomicBoolean();
        private volatile byte[] held = new byte[0];
        private volatile boolean completed;

        Renaming(Flow.Subscriber<? super ByteBuffer> downstream) {
            this.downstream = downstream;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            upstream = subscription;
            downstream.onSubscribe(this);
        }

        @Override
        public void onNext(ByteBuffer chunk) {
            if (held.length == 0 && !mayName(chunk)) {
                // Most chunks name no model: passed on as they are, not copied.
                demand.decrementAndGet();
                downstream.onNext(chunk);
                return;
            }
            byte[] input = new byte[held.length + chunk.remaining()];
            System.arraycopy(held, 0, input, 0, held.length);
            chunk.get(input, held.length, chunk.remaining());
            ByteArrayOutputStream out = new ByteArrayOutputStream(input.length + 16);
            int copied = 0;
            int keep = input.length;
            scan : for (int i = 0; i < input.length; i++) {
                if (input[i] != '"') {
                    continue;
                }
                for (int p = 0; p < from.length; p++) {
                    int match = match(input, i, from[p]);
                    if (match == from[p].length) {
                        out.write(input, copied, i - copied);
                        out.write(to[p], 0, to[p].length);
                        copied = i + match;
                        i = copied - 1;
                        continue scan;
                    }
                    if (match == input.length - i) {
                        // The chunk ends inside what may be a match: wait for the next chunk.
                        keep = i;
                        break scan;
                    }
                }
            }
            out.write(input, copied, keep - copied);
            held = keep < input.length ? Arrays.copyOfRange(input, keep, input.length) : new byte[0];
            if (out.size() == 0) {
                upstream.request(1);
                return;
            }
            demand.decrementAndGet();
            downstream.onNext(ByteBuffer.wrap(out.toByteArray()));
        }

        /**
         * Whether {@code chunk} may need renaming: it holds {@code "model"}, or ends with the start of a model field
         * that the next chunk completes.
         */
        private boolean mayName(ByteBuffer chunk) {
            byte[] field = from[0];
            int start = chunk.position();
            int end = chunk.limit();
            for (int i = start; i + MODEL_KEY <= end; i++) {
                if (regionMatches(chunk, i, field, MODEL_KEY)) {
                    return true;
                }
            }
            for (int k = Math.min(MODEL_KEY - 1, end - start); k > 0; k--) {
                if (regionMatches(chunk, end - k, field, k)) {
                    return true;
                }
            }
            return false;
        }

        private boolean regionMatches(ByteBuffer chunk, int at, byte[] pattern, int length) {
            for (int n = 0; n < length; n++) {
                if (chunk.get(at + n) != pattern[n]) {
                    return false;
                }
            }
            return true;
        }

        /** How many bytes of {@code pattern} {@code input} matches from {@code at} (up to its end). */
        private int match(byte[] input, int at, byte[] pattern) {
            int n = 0;
            while (n < pattern.length && at + n < input.length && input[at + n] == pattern[n]) {
                n++;
            }
            return n;
        }

        @Override
        public void onError(Throwable error) {
            downstream.onError(error);
        }

        @Override
        public void onComplete() {
            completed = true;
            if (held.length == 0) {
                downstream.onComplete();
            } else if (demand.get() > 0) {
                flush();
            }
        }

        private void flush() {
            if (!flushed.compareAndSet(false, true)) {
                return;
            }
            byte[] rest = held;
            held = new byte[0];
            downstream.onNext(ByteBuffer.wrap(rest));
            downstream.onComplete();
        }

        @Override
        public void request(long n) {
            demand.addAndGet(n);
            if (completed && held.length > 0) {
                flush();
                return;
            }
            upstream.request(n);
        }

        @Override
        public void cancel() {
            upstream.cancel();
        }
    }
}
