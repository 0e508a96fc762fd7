package ports.in;

import core.models.ModelTask;
import core.models.ModelTaskListener;
import core.models.ModelTaskRun;
import core.models.Targets;

/** Runs a model task (pull, delete, copy, create) on several Ollama nodes at once, merging their progress. */
public interface RunModelTaskUseCase {

    /**
     * Starts {@code task} on every Ollama node {@code targets} picks and returns at once; {@code listener} hears the
     * merged progress and, last, each node's outcome. One node failing stops no other. Throws
     * {@link core.fleet.UnknownNodeException} for a name not in the fleet and
     * {@link core.MalformedRequestException} when no Ollama node is picked; nothing has started then.
     */
    ModelTaskRun run(Targets targets, ModelTask task, ModelTaskListener listener);
}
