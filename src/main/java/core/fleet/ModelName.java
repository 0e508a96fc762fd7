package core.fleet;

import java.util.Locale;

import core.MalformedRequestException;

/**
 * A model's name in Ollama's canonical display form ({@code name:tag}, default host and namespace dropped), compared
 * case-insensitively: {@code llama3}, {@code llama3:latest}, {@code library/llama3:latest} and {@code LLAMA3:latest}
 * are one model.
 */
public record ModelName(String canonical) {

    private static final String DEFAULT_HOST = "registry.ollama.ai/";
    private static final String DEFAULT_NAMESPACE = "library/";
    private static final int MAX_LENGTH = 600;

    public ModelName {
        if (canonical == null || canonical.isBlank()) {
            throw new IllegalArgumentException("model name must not be empty");
        }
    }

    /**
     * Normalises a name a client sent, refusing what no node could hold (Ollama's wording: "invalid model name"):
     * characters other than letters, digits and {@code _ - . : /}, a part that starts with a dot (so no {@code ../}),
     * or more than {@value #MAX_LENGTH} characters. Throws {@link MalformedRequestException}.
     */
    public static ModelName requested(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new MalformedRequestException("model is required");
        }
        String name = raw.strip();
        if (name.length() > MAX_LENGTH) {
            throw new MalformedRequestException("invalid model name");
        }
        char previous = '/';
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean plain = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':'
                    || c == '/');
            if (!plain || previous == '/' && (c == '.' || c == '/')) {
                throw new MalformedRequestException("invalid model name");
            }
            previous = c;
        }
        return of(name);
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
