package core.fleet;

import java.time.Instant;
import java.util.Objects;

/**
 * One model as a node describes it: its normalised name, when it was modified (for Ollama's newest-first order), the
 * node's own JSON object, passed to clients verbatim, and which listing that object comes from ({@code OLLAMA}: an
 * {@code /api/tags} or {@code /api/ps} entry; {@code OPENAI}: a {@code /v1/models} entry).
 */
public record ModelEntry(ModelName name, Instant modifiedAt, String json, NodeType kind) {

    public ModelEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(kind, "kind");
        modifiedAt = modifiedAt == null ? Instant.EPOCH : modifiedAt;
    }

    /** An entry of an Ollama node's {@code /api/tags} or {@code /api/ps}. */
    public ModelEntry(ModelName name, Instant modifiedAt, String json) {
        this(name, modifiedAt, json, NodeType.OLLAMA);
    }
}
