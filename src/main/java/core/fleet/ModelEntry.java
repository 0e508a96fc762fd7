package core.fleet;

import java.time.Instant;
import java.util.Objects;

/**
 * One model as a node describes it: its normalised name, when it was modified (for Ollama's newest-first order), the
 * node's own JSON object, passed to clients verbatim, and which listing that object comes from ({@code OLLAMA}: an
 * {@code /api/tags} or {@code /api/ps} entry; {@code OPENAI}: a {@code /v1/models} entry). An {@code /api/ps} entry
 * also says until when the model stays loaded ({@code expiresAt}, null elsewhere) and how much of it is in GPU
 * memory ({@code sizeVram} bytes, -1 when not said).
 */
public record ModelEntry(ModelName name, Instant modifiedAt, String json, NodeType kind, Instant expiresAt,
        long sizeVram) {

    public ModelEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(kind, "kind");
        modifiedAt = modifiedAt == null ? Instant.EPOCH : modifiedAt;
    }

    public ModelEntry(ModelName name, Instant modifiedAt, String json, NodeType kind) {
        this(name, modifiedAt, json, kind, null, -1);
    }

    /** An entry of an Ollama node's {@code /api/tags} or {@code /api/ps}. */
    public ModelEntry(ModelName name, Instant modifiedAt, String json) {
        this(name, modifiedAt, json, NodeType.OLLAMA);
    }
}
