package core.models;

/** What a model task does on a node, and the Ollama route that does it. */
public enum ModelOperation {

    PULL("POST", "/api/pull", true), DELETE("DELETE", "/api/delete", false), COPY("POST", "/api/copy",
            false), CREATE("POST", "/api/create", true),
    /** An empty generate: the node loads the model and keeps it for the task's keep-alive. */
    PRELOAD("POST", "/api/generate", false);

    private final String method;
    private final String path;
    private final boolean reportsProgress;

    ModelOperation(String method, String path, boolean reportsProgress) {
        this.method = method;
        this.path = path;
        this.reportsProgress = reportsProgress;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** Ollama answers it with NDJSON progress lines ending in {@code {"status":"success"}} (unless told not to). */
    public boolean reportsProgress() {
        return reportsProgress;
    }

    /** The word logs and messages use: {@code pull}, {@code delete}, ... */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
