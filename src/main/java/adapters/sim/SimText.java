package adapters.sim;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

import io.vertx.core.json.JsonArray;

/** The simulator's deterministic text and vectors: every answer names the node that produced it. */
final class SimText {

    private static final String[] WORDS = {"Hello", " from", null, ".", " This", " is", " a", " simulated", " answer",
            " from", " Drover's", " Ollama", " simulator", "."};

    private SimText() {
    }

    static String token(String node, int index) {
        String word = WORDS[index % WORDS.length];
        if (word == null) {
            return " " + node;
        }
        return index >= WORDS.length && index % WORDS.length == 0 ? " " + word : word;
    }

    /** Ollama's created_at: RFC 3339 in UTC with nanoseconds. */
    static String now() {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.now());
    }

    static int countTokens(String text) {
        return text == null || text.isBlank() ? 0 : text.trim().split("\\s+").length;
    }

    /** A unit-length vector derived from the text, so the same input always embeds the same way. */
    static JsonArray embedding(String text, int dimensions, boolean normalise) {
        double[] v = new double[dimensions];
        byte[] bytes = (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
        long seed = 1125899906842597L;
        for (byte b : bytes) {
            seed = 31 * seed + b;
        }
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            v[i] = ((seed >>> 11) * 0x1.0p-53) * 2 - 1;
            norm += v[i] * v[i];
        }
        JsonArray out = new JsonArray();
        double scale = normalise && norm > 0 ? 1 / Math.sqrt(norm) : 1;
        for (double x : v) {
            out.add((float) (x * scale));
        }
        return out;
    }
}
