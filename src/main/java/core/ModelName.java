package core;

import java.util.Locale;

/**
 * A model's name in Ollama's canonical display form ({@code name:tag}, default host and namespace dropped), compared
 * case-insensitively: {@code llama3}, {@code llama3:latest}, {@code library/llama3:latest} and {@code LLAMA3:latest}
 * are one model.
 */
public record ModelName(String canonical) {

    private static final String DEFAULT_HOST = "registry.ollama.ai/";
    private static final String DEFAULT_NAMESPACE = "library/";

    public ModelName {
        if (canonical == null || canonical.isBlank()) {
            throw new IllegalArgumentException("model name must not be empty");
        }
    }

    /** Normalises what a client or a node wrote; throws {@link IllegalArgumentException} for a blank name. */
    public static ModelName of(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("model name must not be empty");
        }
        String name = raw.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith(DEFAULT_HOST)) {
            name = name.substring(DEFAULT_HOST.length());
        }
        if (name.startsWith(DEFAULT_NAMESPACE)) {
            name = name.substring(DEFAULT_NAMESPACE.length());
        }
        int lastSlash = name.lastIndexOf('/');
        if (name.indexOf(':', lastSlash + 1) < 0) {
            name = name + ":latest";
        }
        return new ModelName(name);
    }

    @Override
    public String toString() {
        return canonical;
    }
}
