package core.fleet;

import java.util.List;

/**
 * No node of the fleet can serve the requested model on the requested API, even after a fresh look at every node.
 * {@link #onlyOn()} names the OpenAI-compatible nodes that do list it when a native Ollama call asked for it.
 */
public final class UnknownModelException extends RuntimeException {

    private final String requested;
    private final List<String> onlyOn;

    public UnknownModelException(String requested) {
        this(requested, List.of());
    }

    public UnknownModelException(String requested, List<String> onlyOn) {
        super(onlyOn.isEmpty()
                ? "model '" + requested + "' not found on any node of the fleet"
                : "model '" + requested + "' is only on OpenAI-compatible nodes (" + String.join(", ", onlyOn)
                        + "), which do not serve Ollama's native API");
        this.requested = requested;
        this.onlyOn = List.copyOf(onlyOn);
    }

    /** The name as the client wrote it. */
    public String requested() {
        return requested;
    }

    /** OpenAI-compatible nodes that list the model (empty when no node does). */
    public List<String> onlyOn() {
        return onlyOn;
    }
}
