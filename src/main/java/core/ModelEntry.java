package core;

import java.time.Instant;
import java.util.Objects;

/**
 * One model as a node describes it in {@code /api/tags} or {@code /api/ps}: its normalised name, when it was modified
 * (for Ollama's newest-first order) and the node's own JSON object, passed to clients verbatim.
 */
public record ModelEntry(ModelName name, Instant modifiedAt, String json) {

    public ModelEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(json, "json");
        modifiedAt = modifiedAt == null ? Instant.EPOCH : modifiedAt;
    }
}
