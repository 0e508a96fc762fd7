package ports.out;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import core.fleet.Node;
import core.models.ModelTask;
import core.models.Progress;

/**
 * Runs a model task (pull, delete, copy, create, preload) on one Ollama node, over whichever transport reaches it
 * (HTTP or the relay link), with the engine's timeouts.
 * <p>
 * Non-blocking: returns at once. {@code progress} hears each progress line as the node writes it, one at a time, on
 * any thread; it must not block. The stage completes when the node reports success, or fails with
 * {@link core.models.ModelTaskFailedException} (the node answered an error status, wrote an error line or ended
 * without success), {@link core.routing.NodeFailedException} or {@link core.routing.NodeTimeoutException}. Cancelling
 * the stage's {@code CompletableFuture} abandons the task at the node (Ollama resumes a cancelled pull later).
 */
public interface NodeModels {

    CompletionStage<Void> run(Node node, ModelTask task, Consumer<Progress> progress);
}
