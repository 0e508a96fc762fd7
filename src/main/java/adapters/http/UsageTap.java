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

    /** What the answer's tail says; fields the node did not report are -1. */
    Usage usage() {
        String tail = tail();
        long prompt = last(tail, "\"prompt_eval_count\":");
        long completion = last(tail, "\"eval_count\":");
        if (prompt < 0 && completion < 0) {
            prompt = last(tail, "\"prompt_tokens\":");
            completion = last(tail, "\"completion_tokens\":");
        }
        long load = last(tail, "\"load_duration\":");
        return new Usage(prompt, completion, load < 0 ? -1 : load / 1_000_000, last(tail, "\"eval_duration\":"));
    }

    private String tail() {
        if (seen <= ring.length) {
            return new String(ring, 0, (int) seen, StandardCharsets.ISO_8859_1);
        }
        int at = (int) (seen % WINDOW);
        byte[] ordered = new byte[WINDOW];
        System.arraycopy(ring, at, ordered, 0, WINDOW - at);
        System.arraycopy(ring, 0, ordered, WINDOW - at, at);
        return new String(ordered, StandardCharsets.ISO_8859_1);
    }

    /** The whole number after the last {@code key} (spaces allowed after the colon), or -1. */
    private static long last(String text, String key) {
        int at = text.lastIndexOf(key);
        if (at < 0) {
            at = text.lastIndexOf(key.substring(0, key.length() - 1) + " :");
            if (at < 0) {
                return -1;
            }
        }
        int i = text.indexOf(':', at + key.length() - 1) + 1;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        long value = 0;
        int digits = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i)) && digits < 18) {
            value = value * 10 + (text.charAt(i++) - '0');
            digits++;
        }
        return digits == 0 ? -1 : value;
    }

    /** Token counts and timings reported by the node; -1 where it said nothing. */
    record Usage(long promptTokens, long completionTokens, long loadMillis, long generationNanos) {
    }
}
