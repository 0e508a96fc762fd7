package core.models;

import java.nio.ByteBuffer;
import java.util.Objects;

import core.fleet.ModelName;

/**
 * One model task to run on nodes: the operation, the model it concerns, and the body to send. {@code body} is the
 * client's own request body, sent unchanged to every node; null when Drover starts the task itself, and the node
 * adapter then writes the plain body for {@code model} ({@code keepAlive} is the preload's keep-alive, as Ollama
 * writes it: {@code 30m}, {@code -1}).
 */
public record ModelTask(ModelOperation operation, ModelName model, ByteBuffer body, String keepAlive) {

    public ModelTask {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(model, "model");
        body = body == null ? null : body.asReadOnlyBuffer();
    }

    /** A pull Drover starts itself. */
    public static ModelTask pull(ModelName model) {
        return new ModelTask(ModelOperation.PULL, model, null, null);
    }

    /** An empty generate that loads {@code model} and keeps it loaded for {@code keepAlive}. */
    public static ModelTask preload(ModelName model, String keepAlive) {
        return new ModelTask(ModelOperation.PRELOAD, model, null, keepAlive);
    }

    /** The body for one node: a view of its own, so that several nodes can read it at once. */
    public ByteBuffer bodyView() {
        return body == null ? null : body.duplicate();
    }
}
