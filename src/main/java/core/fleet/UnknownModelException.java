package core.fleet;

import java.util.List;

/**
 * No node of the fleet can serve the requested model on the requested API, even after a fresh look at every node.
 * {@link #onlyOn()} names the OpenAI-compatible nodes that do list it when a native Ollama call asked for it;
 * {@link #keptFrom()} the nodes that list it but that a model route does not let serve it.
 */
public final class UnknownModelException extends RuntimeException {

    private final String requested;
    private final List<String> onlyOn;
    private final List<String> keptFrom;

    public UnknownModelException(String requested) {
        this(requested, List.of());
    }

    public UnknownModelException(String requested, List<String> onlyOn) {
        this(onlyOn.isEmpty()
                ? "model '" + requested + "' not found on any node of the fleet"
                : "model '" + requested + "' is only on OpenAI-compatible nodes (" + String.join(", ", onlyOn)
                        + "), which do not serve Ollama's native API",
                requested, onlyOn, List.of());
    }

    private UnknownModelException(String message, String requested, List<String> onlyOn, List<String> keptFrom) {
        super(message);
        this.requested = requested;
        this.onlyOn = List.copyOf(onlyOn);
        this.keptFrom = List.copyOf(keptFrom);
    }

    /** The model is on {@code nodes} only, which the operator's model routes do not let serve it. */
    public static UnknownModelException keptFrom(String requested, List<String> nodes) {
        return new UnknownModelException("model '" + requested + "' is on " + String.join(", ", nodes) + ", but"
                + " models: in config.yaml keeps it to other nodes, and none of them lists it", requested, List.of(),
                nodes);
    }

    /** Nodes that list the model but may not serve it (a route keeps it to others); empty otherwise. */
    public List<String> keptFrom() {
        return keptFrom;
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
