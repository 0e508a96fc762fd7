package adapters.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the token counts of an answer as it passes, without holding the answer: keeps only its last few kilobytes,
 * where the node puts them (Ollama's final NDJSON line or whole JSON body: {@code prompt_eval_count}, {@code
 * eval_count}, {@code eval_duration}, {@code load_duration}; OpenAI's {@code usage} object, in the last SSE frame or at
 * the end of the JSON body). One copy of each chunk's tail into a ring; the parsing happens once, at the end. The ring
 * starts small and grows with the answer up to its window, so a short answer (most non-streamed ones: a few hundred
 * bytes) costs a few hundred bytes, not the whole window.
 */
final class UsageTap {

    static final int WINDOW = 4096;
    private static final int FIRST = 512;
    private static final byte[] PROMPT_EVAL_COUNT = quoted("prompt_eval_count");
    private static final byte[] EVAL_COUNT = quoted("eval_count");
    private static final byte[] PROMPT_TOKENS = quoted("prompt_tokens");
    private static final byte[] COMPLETION_TOKENS = quoted("completion_tokens");
    private static final byte[] LOAD_DURATION = quoted("load_duration");
    private static final byte[] EVAL_DURATION = quoted("eval_duration");
    private byte[] ring = new byte[0];
    private long seen;

    /** Remembers the end of this chunk; leaves the buffer's position untouched. */
    void accept(ByteBuffer chunk) {
        int from = chunk.position();
        int length = chunk.remaining();
        if (length == 0) {
            return;
        }
        if (length > WINDOW) {
            from += length - WINDOW;
            length = WINDOW;
        }
        if (seen + length > ring.length && ring.length < WINDOW) {
            grow(seen + length);
        }
        int at = (int) (seen % ring.length);
        int first = Math.min(length, ring.length - at);
        chunk.get(from, ring, at, first);
        chunk.get(from + first, ring, 0, length - first);
        seen += length;
    }

    /** Bytes held for this answer. */
    int retained() {
        return ring.length;
    }

    /** A ring that holds {@code needed} bytes, up to the window; it has not wrapped yet, so its bytes are in order. */
    private void grow(long needed) {
        int size = Math.max(FIRST, ring.length);
        while (size < needed && size < WINDOW) {
            size *= 2;
        }
        byte[] larger = new byte[Math.min(size, WINDOW)];
        System.arraycopy(ring, 0, larger, 0, (int) seen);
        ring = larger;
    }

    /** What the answer's tail says; fields the node did not report are -1. Read in place: nothing is copied. */
    Usage usage() {
        int length = inOrder();
        long prompt = last(length, PROMPT_EVAL_COUNT);
        long completion = last(length, EVAL_COUNT);
        if (prompt < 0 && completion < 0) {
            prompt = last(length, PROMPT_TOKENS);
            completion = last(length, COMPLETION_TOKENS);
        }
        long load = last(length, LOAD_DURATION);
        return new Usage(prompt, completion, load < 0 ? -1 : load / 1_000_000, last(length, EVAL_DURATION));
    }

    /**
     * Puts the ring's bytes in the order they came, rotating it in place once it has wrapped (it stays a ring: the
     * next byte would overwrite the oldest, now first); how many it holds.
     */
    private int inOrder() {
        if (seen <= ring.length) {
            return (int) seen;
        }
        int at = (int) (seen % ring.length);
        reverse(0, at);
        reverse(at, ring.length);
        reverse(0, ring.length);
        seen = ring.length;
        return ring.length;
    }

    private void reverse(int from, int to) {
        for (int i = from, j = to - 1; i < j; i++, j--) {
            byte b = ring[i];
            ring[i] = ring[j];
            ring[j] = b;
        }
    }

    /** The whole number after the last {@code key} (a quoted name) and its colon, JSON's white space allowed; or -1. */
    private long last(int length, byte[] key) {
        int at = lastIndexOf(length, key);
        if (at < 0) {
            return -1;
        }
        int i = skipSpace(at + key.length, length);
        if (i == length || ring[i] != ':') {
            return -1;
        }
        i = skipSpace(i + 1, length);
        long value = 0;
        int digits = 0;
        while (i < length && ring[i] >= '0' && ring[i] <= '9' && digits < 18) {
            value = value * 10 + (ring[i++] - '0');
            digits++;
        }
        return digits == 0 ? -1 : value;
    }

    private int lastIndexOf(int length, byte[] key) {
        for (int at = length - key.length; at >= 0; at--) {
            int k = 0;
            while (k < key.length && ring[at + k] == key[k]) {
                k++;
            }
            if (k == key.length) {
                return at;
            }
        }
        return -1;
    }

    private int skipSpace(int i, int length) {
        while (i < length && (ring[i] == ' ' || ring[i] == '\t' || ring[i] == '\n' || ring[i] == '\r')) {
            i++;
        }
        return i;
    }

    private static byte[] quoted(String name) {
        return ('"' + name + '"').getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Token counts and timings reported by the node; -1 where it said nothing. */
    record Usage(long promptTokens, long completionTokens, long loadMillis, long generationNanos) {
    }
}
