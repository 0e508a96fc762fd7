package core.models;

/**
 * One progress line of a node's model task as Ollama writes it: a status, and for a layer its digest and byte counts
 * ({@code digest} null and counts 0 when the line has none).
 */
public record Progress(String status, String digest, long total, long completed) {

    public Progress {
        status = status == null ? "" : status;
    }

    public boolean layer() {
        return digest != null && !digest.isEmpty();
    }
}
