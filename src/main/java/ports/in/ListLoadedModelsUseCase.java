package ports.in;

import java.util.List;
import java.util.concurrent.CompletionStage;

import core.fleet.ModelEntry;

/**
 * Every model loaded on every routable node, read fresh from the nodes (what {@code /api/ps} serves). Non-blocking;
 * nodes that fail to answer are left out, so the stage never fails.
 */
public interface ListLoadedModelsUseCase {

    CompletionStage<List<ModelEntry>> listLoadedModels();
}
