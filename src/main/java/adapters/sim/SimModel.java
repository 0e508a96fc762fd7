package adapters.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import core.fleet.ModelName;

/**
 * One installed model of a simulated node, with plausible metadata guessed from its name: embedding models
 * ({@code *embed*}, {@code *minilm*}) only embed, {@code qwen3*} and {@code deepseek-r1*} think, the rest chat with
 * tools.
 */
record SimModel(String display, String digest, long size, String family, String parameterSize,
        List<String> capabilities, OffsetDateTime modifiedAt) {

    static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    static SimModel named(String name, OffsetDateTime modifiedAt) {
        String display = ModelName.of(name).canonical();
        String family = display.replaceAll("[:/].*$", "").replaceAll("[^a-z]+.*$", "");
        boolean embedding = display.contains("embed") || display.contains("minilm");
        boolean thinking = display.startsWith("qwen3") || display.startsWith("deepseek-r1");
        List<String> capabilities = embedding
                ? List.of("embedding")
                : thinking ? List.of("completion", "tools", "thinking") : List.of("completion", "tools");
        long size = 1_000_000_000L + Math.abs(display.hashCode() % 4_000_000_000L);
        return new SimModel(display, sha256(display), size, family.isEmpty() ? "llama" : family,
                embedding ? "23M" : "3.2B", capabilities, modifiedAt);
    }

    boolean can(String capability) {
        return capabilities.contains(capability);
    }

    /** The namespace OpenAI's {@code owned_by} reports: {@code library} unless the name has one. */
    String namespace() {
        int slash = display.lastIndexOf('/');
        return slash < 0 ? "library" : display.substring(display.lastIndexOf('/', slash - 1) + 1, slash);
    }

    /** The model's {@code /api/tags} entry. */
    JsonObject tag() {
        return new JsonObject().put("name", display).put("model", display).put("modified_at", TIME.format(modifiedAt))
                .put("size", size).put("digest", digest)
                .put("details", details().put("context_length", 4096).put("embedding_length", 768))
                .put("capabilities", new JsonArray(capabilities));
    }

    JsonObject details() {
        return new JsonObject().put("parent_model", "").put("format", "gguf").put("family", family)
                .put("families", new JsonArray().add(family)).put("parameter_size", parameterSize)
                .put("quantization_level", "Q4_K_M");
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
